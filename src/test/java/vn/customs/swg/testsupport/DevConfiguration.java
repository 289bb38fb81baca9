package vn.customs.swg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The catalogue of application.yml and the dev partners of application-dev.yml, bound as the
 * gateway binds them, without a Spring context: for unit tests that need the real message types
 * and partner ids (run from the repository root, where certs/dev is).
 */
public final class DevConfiguration {

  private static final Binder BINDER = binder();

  private DevConfiguration() {}

  public static MessageTypeCatalogue catalogue() {
    return new MessageTypeCatalogue(
        BINDER.bind("gateway.message-types", Bindable.mapOf(String.class, GatewayProperties.MessageType.class)).get(),
        DevConfiguration.class.getClassLoader());
  }

  /** The dev partners (moit, vcb, bidv, asw-id) in a directory, loaded. */
  public static PartnerDirectory partners() {
    MessageTypeCatalogue catalogue = catalogue();
    Map<String, GatewayProperties.Partner> partners =
        BINDER.bind("gateway.partners", Bindable.mapOf(String.class, GatewayProperties.Partner.class)).get();
    return new PartnerDirectory(() -> new PartnerRegistry(partners, catalogue), Clock.systemUTC());
  }

  private static Binder binder() {
    try {
      MutablePropertySources sources = new MutablePropertySources();
      YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
      yaml.load("application-dev.yml", new ClassPathResource("application-dev.yml")).forEach(sources::addLast);
      yaml.load("application.yml", new ClassPathResource("application.yml")).forEach(sources::addLast);
      return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
