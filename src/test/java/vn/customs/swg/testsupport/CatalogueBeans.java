package vn.customs.swg.testsupport;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;

/**
 * For ApplicationContextRunner tests of one configuration class: the bound {@code gateway.*} tree,
 * the message-type catalogue built from it and a system clock, as GatewayConfiguration provides
 * them, without keys, broker or database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class CatalogueBeans {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  MessageTypeCatalogue messageTypeCatalogue(GatewayProperties properties) {
    return new MessageTypeCatalogue(properties.messageTypes(), getClass().getClassLoader());
  }
}
