package vn.customs.swg.audit;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.customs.swg.BackgroundTasks;
import vn.customs.swg.trust.PemCertificates;

/**
 * Signs this node's chain head with the gateway signing key at intervals
 * ({@code gateway.audit.checkpoint-interval}) and once more when the gateway stops, and only when
 * the head moved since the last checkpoint. It signs only a head it has checked: the events since
 * the last checkpoint must re-hash and link up to it ({@link ChainVerifier#verifyTail}), so a tail
 * altered while the node was down is reported, not vouched for. One daemon thread, started and
 * stopped with the application (stopped late, after the flows that append); a failing round is
 * logged and the schedule goes on.
 */
public final class HeadSigner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeadSigner.class);

  private final JdbcClient jdbc;
  private final ChainVerifier verifier;
  private final String node;
  private final PrivateKey key;
  private final String algorithm;
  private final String fingerprint;
  private final Duration interval;
  private final Clock clock;
  private final BackgroundTasks.Repeating schedule;

  /**
   * @param verifier a verifier that trusts {@code certificate}
   * @param certificate the certificate of {@code key}, named in each checkpoint by fingerprint
   */
  public HeadSigner(DataSource dataSource, ChainVerifier verifier, String node, PrivateKey key,
      X509Certificate certificate, Duration interval, Clock clock) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("gateway.audit.checkpoint-interval must be positive, was " + interval);
    }
    this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.node = Objects.requireNonNull(node, "node");
    this.key = Objects.requireNonNull(key, "key");
    this.algorithm = Checkpoint.algorithmFor(key);
    this.fingerprint = PemCertificates.sha256Fingerprint(certificate);
    this.interval = interval;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schedule = new BackgroundTasks.Repeating("swg-audit-checkpoint", interval, this::checkpointNow, log,
        "signing the audit chain head failed");
  }

  /**
   * Signs the head now if it moved since the last checkpoint and the tail checks out.
   *
   * @return the checkpoint written, or empty when there was nothing new or the tail is broken
   */
  public Optional<Checkpoint> checkpointNow() {
    ChainVerifier.TailCheck tail = verifier.verifyTail(node);
    if (tail.broken() != null) {
      log.error("the audit chain of node {} is broken, its head is not signed: {}", node, tail.broken().line());
      return Optional.empty();
    }
    Long signed = jdbc.sql("select max(chain_seq) from swg_audit_checkpoint where node = :node")
        .param("node", node).query(Long.class).optional().orElse(null);
    if (tail.seq() == 0 || (signed != null && signed >= tail.seq())) {
      return Optional.empty();
    }
    OffsetDateTime at = ChainFormat.stored(OffsetDateTime.now(clock));
    Checkpoint unsigned = new Checkpoint(0, node, tail.seq(), tail.hash(), at, algorithm, fingerprint, null);
    String signature = sign(unsigned.signedBytes());
    try {
      jdbc.sql("""
              insert into swg_audit_checkpoint (node, chain_seq, entry_hash, signed_at, algorithm,
                signer_fingerprint, signature)
              values (:node, :seq, :hash, :at, :algorithm, :fingerprint, :signature)""")
          .param("node", node)
          .param("seq", tail.seq())
          .param("hash", tail.hash())
          .param("at", at)
          .param("algorithm", algorithm)
          .param("fingerprint", fingerprint)
          .param("signature", signature)
          .update();
    } catch (DuplicateKeyException e) {
      // Another instance with the same node id signed this position first: the same head, so fine.
      return Optional.empty();
    }
    log.info("signed the audit chain head of node {} at seq {}", node, tail.seq());
    return jdbc.sql("select " + Checkpoint.COLUMNS + " from swg_audit_checkpoint where node = :node and chain_seq = :seq")
        .param("node", node).param("seq", tail.seq()).query(Checkpoint.ROW).optional();
  }

  private String sign(byte[] text) {
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(text);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the audit chain head with the gateway key", e);
    }
  }

  @Override
  public void start() {
    if (schedule.start()) {
      log.info("signing the audit chain head of node {} every {} when it moved", node, interval);
    }
  }

  @Override
  public void stop() {
    if (schedule.stop(Duration.ofSeconds(10))) {
      // The last events of this run are covered too: a stopped node's whole chain is signed.
      schedule.runOnce();
    }
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }

  /** Stopped after the flows that append events (web server, routes, delivery worker). */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
