package vn.customs.swg.testsupport;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;

/**
 * For ApplicationContextRunner tests of one configuration class: the bound {@code gateway.*} tree,
 * the message-type catalogue built from it and a system clock, as GatewayConfiguration provides
 * them, without keys, broker or database. Registered with {@code withUserConfiguration}; it is no
 * {@code @Configuration}, so tests that start the whole application (component scan of
 * vn.customs.swg on the test classpath) never pick it up.
 */
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
