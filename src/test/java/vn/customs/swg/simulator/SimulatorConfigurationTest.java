package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;

class SimulatorConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(SimulatorConfiguration.class, GatewaySettings.class)
      .withBean(MessageTypeCatalogue.class, () -> SimulatorFixture.CATALOGUE)
      .withBean(SchemaRegistry.class, () -> SimulatorFixture.SCHEMAS)
      .withBean(Clock.class, () -> SimulatorFixture.CLOCK)
      .withPropertyValues("gateway.signing-key.keystore=gateway.p12", "gateway.signing-key.password=x",
          "gateway.signing-key.alias=gateway");

  @Test
  void staysOffWithoutTheDemoProfile() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BackendSimulator.class));
  }

  @Test
  void answersWithTheDemoProfileAndSafeDefaults() {
    runner.withPropertyValues("spring.profiles.active=dev,demo").run(context -> {
      assertThat(context).hasSingleBean(BackendSimulator.class);
      assertThat(context.getBean(SimulatorProperties.class))
          .isEqualTo(new SimulatorProperties("swg.outbound", "02CI"));
    });
  }

  @Test
  void refusesToRunNextToProd() {
    runner.withPropertyValues("spring.profiles.active=prod,demo").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().isInstanceOf(ConfigurationException.class).hasMessageContaining("prod"));
  }

  @Test
  void refusesACustomsOfficeThatIsNotAnOfficeCode() {
    runner.withPropertyValues("spring.profiles.active=demo", "gateway.simulator.customs-office=Hai Phong")
        .run(context -> assertThat(context).hasFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class GatewaySettings {}
}
