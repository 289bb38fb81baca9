package vn.customs.swg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import vn.customs.swg.GatewayApplication;

/**
 * A gateway started in the benchmark's own JVM on its real wiring with the dev profile (no demo:
 * the back-end simulator would take messages off the queues a benchmark counts), for benchmarks
 * that post to it over HTTP. Only the sources given here come from the test scope.
 */
final class InProcessGateway implements AutoCloseable {

  /**
   * Keeps test classes out of component scanning: outside a test context nothing else does, and
   * the configurations nested in unit tests would otherwise join the gateway.
   */
  static final class MainClassesOnly extends TypeExcludeFilter {
    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
      return reader.getResource().getURL().toString().contains("/test-classes/");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MainClassesOnly;
    }

    @Override
    public int hashCode() {
      return MainClassesOnly.class.hashCode();
    }
  }

  private final ConfigurableApplicationContext context;

  private InProcessGateway(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param extraSources test-scope beans the gateway runs with (e.g. a fixed clock)
   * @param args Spring Boot command-line properties ({@code --name=value})
   */
  static InProcessGateway start(List<Class<?>> extraSources, String... args) {
    List<Class<?>> sources = new ArrayList<>(List.of(GatewayApplication.class));
    sources.addAll(extraSources);
    SpringApplication application = new SpringApplication(sources.toArray(Class<?>[]::new));
    application.setAdditionalProfiles("dev");
    application.addInitializers(c -> c.getBeanFactory().registerSingleton("mainClassesOnly", new MainClassesOnly()));
    return new InProcessGateway(application.run(args));
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  /** The port the partners' HTTP API listens on. */
  int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public void close() {
    context.close();
  }
}
