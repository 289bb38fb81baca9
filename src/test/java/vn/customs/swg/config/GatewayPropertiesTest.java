package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding of the {@code gateway.*} tree: safe defaults in code, and a sentence when a key is missing. */
class GatewayPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class);

  @Test
  void defaultsAreTheContractsLimits() {
    runner.withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
        "gateway.signing-key.alias=gateway").run(context -> {
          GatewayProperties properties = context.getBean(GatewayProperties.class);
          assertThat(properties.admission().maxMessageBytes()).isEqualTo(2 * 1024 * 1024);
          assertThat(properties.admission().maxClockSkew()).isEqualTo(Duration.ofMinutes(15));
          assertThat(properties.nodeId()).isEqualTo("swg-node-1");
          assertThat(properties.customsIdentity()).isEqualTo("TCHQ");
          assertThat(properties.signingKey().toString()).doesNotContain("password=x");
        });
  }

  @Test
  void missingSigningKeySaysWhatToSet() {
    runner.run(context -> assertThat(context).hasFailed().getFailure()
        .hasStackTraceContaining("set gateway.signing-key.keystore, .password and .alias"));
  }

  @Test
  void refusesANegativeSizeCap() {
    runner.withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
        "gateway.signing-key.alias=gateway", "gateway.admission.max-message-bytes=-1")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("admission.maxMessageBytes"));
  }

  @Test
  void retentionIsOffByDefaultAndKeepsYears() {
    runner.withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
        "gateway.signing-key.alias=gateway").run(context -> {
          GatewayProperties properties = context.getBean(GatewayProperties.class);
          assertThat(properties.retention().enabled()).isFalse();
          assertThat(properties.retention().bytesAfter()).isEqualTo(Duration.ofDays(1826));
          assertThat(properties.retention().metadataAfter()).isEqualTo(Duration.ofDays(3652));
          assertThat(properties.audit().checkpointInterval()).isEqualTo(Duration.ofMinutes(5));
        });
  }

  @Test
  void metadataThatWouldOutliveItsBytesTheWrongWayRoundIsRefusedWithASentence() {
    runner.withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
        "gateway.signing-key.alias=gateway", "gateway.retention.bytes-after=P400D",
        "gateway.retention.metadata-after=P200D")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
            "gateway.retention.metadata-after (P200D) is shorter than gateway.retention.bytes-after (P400D)"));
  }

  @Test
  void aBytesAfterOfSecondsIsRefusedAsATypo() {
    runner.withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
        "gateway.signing-key.alias=gateway", "gateway.retention.bytes-after=PT400S")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
            "gateway.retention.bytes-after is PT6M40S, under the 30 days"));
  }
}
