package vn.customs.swg.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.customs.swg.console.LiveCounters;

/**
 * Wires what the operator console reads besides the stores and the trust material: the live
 * message counters from the Micrometer registry. The console's pages are controllers in
 * {@code vn.customs.swg.console}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

  @Bean
  LiveCounters liveCounters(MeterRegistry registry) {
    return new LiveCounters(registry);
  }
}
