package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;
import vn.customs.swg.testsupport.EndToEndTest;

/**
 * Every file in routes/ declares ids equal to its file name (route {@code verify-message} lives in
 * routes/verify-message.camel.yaml), and every one of them is loaded by the running gateway
 * (routes running, templates and route configurations registered).
 */
@EndToEndTest
class RouteFilesIT {

  @Autowired CamelContext camel;

  @Test
  void everyRouteFileIsLoadedUnderItsFileName() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of("routes"))) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
    for (Path file : files) {
      String expectedId = file.getFileName().toString().replace(".camel.yaml", "");
      List<Map<String, Map<String, Object>>> items;
      try (Reader reader = Files.newBufferedReader(file)) {
        items = new Yaml().load(reader);
      }
      assertThat(items).as(file + " declares something").isNotEmpty();
      for (Map<String, Map<String, Object>> item : items) {
        Map.Entry<String, Map<String, Object>> entry = item.entrySet().iterator().next();
        assertThat(entry.getValue().get("id")).as(entry.getKey() + " id in " + file).isEqualTo(expectedId);
        if (entry.getKey().equals("route")) {
          assertThat(camel.getRoute(expectedId)).as("route " + expectedId + " is running").isNotNull();
        } else if (entry.getKey().equals("routeTemplate")) {
          assertThat(model.getRouteTemplateDefinition(expectedId)).as("route template " + expectedId).isNotNull();
        } else {
          assertThat(model.getRouteConfigurationDefinition(expectedId)).as("route configuration " + expectedId).isNotNull();
        }
      }
    }
  }
}
