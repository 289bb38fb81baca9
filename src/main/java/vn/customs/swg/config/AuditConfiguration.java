package vn.customs.swg.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.customs.swg.audit.AuditLogEndpoint;
import vn.customs.swg.audit.ChainVerifier;
import vn.customs.swg.audit.HeadSigner;
import vn.customs.swg.retention.RetentionPurge;
import vn.customs.swg.trust.PemCertificates;

/**
 * Wires the audit log and retention: the verifier (trusting the gateway's own certificate and
 * {@code gateway.audit.trusted-certificates}), the head signer on this node's chain every
 * {@code gateway.audit.checkpoint-interval}, the {@code auditlog} endpoint, and the retention
 * purge (scheduled only when {@code gateway.retention.enabled}). The stores append events
 * themselves through {@link vn.customs.swg.audit.EventLog}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  @Bean
  ChainVerifier chainVerifier(DataSource dataSource, GatewayKeyStore keys, GatewayProperties properties, Clock clock) {
    List<X509Certificate> trusted = new ArrayList<>();
    trusted.add(keys.chain().get(0));
    for (Path file : properties.audit().trustedCertificates()) {
      trusted.addAll(PemCertificates.read(file, "gateway.audit.trusted-certificates"));
    }
    return new ChainVerifier(dataSource, trusted, clock);
  }

  @Bean
  HeadSigner headSigner(DataSource dataSource, ChainVerifier verifier, GatewayKeyStore keys,
      GatewayProperties properties, Clock clock) {
    try {
      return new HeadSigner(dataSource, verifier, properties.nodeId(), keys.privateKey(), keys.chain().get(0),
          properties.audit().checkpointInterval(), clock);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("gateway.audit: " + e.getMessage(), e);
    }
  }

  @Bean
  AuditLogEndpoint auditLogEndpoint(ChainVerifier verifier) {
    return new AuditLogEndpoint(verifier);
  }

  @Bean
  RetentionPurge retentionPurge(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
      GatewayProperties properties) {
    GatewayProperties.Retention retention = properties.retention();
    return new RetentionPurge(new JdbcTemplate(dataSource), transactions, clock, properties.nodeId(),
        new RetentionPurge.Settings(retention.enabled(), retention.bytesAfter(), retention.metadataAfter(),
            retention.purgeInterval(), retention.batchSize()));
  }
}
