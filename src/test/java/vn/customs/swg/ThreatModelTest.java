package vn.customs.swg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/threat-model.md honest: every {@code Class#method} it names as proof of a control
 * must be a test method (annotated {@code @Test}, {@code @ParameterizedTest}, {@code @TestFactory},
 * {@code @RepeatedTest}, or Jazzer's {@code @FuzzTest}, which replays its committed inputs in
 * every build) of exactly one class of that name under src/test/java, read from the
 * sources, and every threat class of the issue must name at least one. A renamed or deleted test
 * fails this build instead of leaving a row that proves nothing. That the named tests pass is the
 * rest of the build's job.
 */
class ThreatModelTest {

  private static final Path MODEL = Path.of("docs/threat-model.md");
  private static final Path TESTS = Path.of("src/test/java");
  private static final Pattern REFERENCE = Pattern.compile("`([A-Z]\\w*)#(\\w+)`");
  // A test annotation, then any further annotations and modifiers, then the return type and name.
  private static final Pattern TEST_METHOD = Pattern.compile(
      "@(?:Test|ParameterizedTest|TestFactory|RepeatedTest|FuzzTest)\\b(?:\\([^)]*\\))?"
          + "(?:\\s*@[\\w.]+(?:\\([^)]*\\))?)*"
          + "\\s*(?:(?:public|protected|private|static|final)\\s+)*"
          + "[\\w<>\\[\\],.? ]+?\\s+(\\w+)\\s*\\(");
  private static final List<String> THREAT_CLASSES = List.of("Spoofing a partner", "Tampering", "Replay",
      "Repudiation", "Information disclosure", "Denial of service", "Elevation to operator");

  @Test
  void everyNamedTestExistsAsATestMethod() throws IOException {
    Map<String, Set<String>> named = new LinkedHashMap<>();
    Matcher matcher = REFERENCE.matcher(Files.readString(MODEL));
    while (matcher.find()) {
      named.computeIfAbsent(matcher.group(1), key -> new LinkedHashSet<>()).add(matcher.group(2));
    }
    assertThat(named.values().stream().mapToInt(Set::size).sum()).as("tests named by the threat model")
        .isGreaterThan(100);

    List<String> missing = new ArrayList<>();
    named.forEach((className, methods) -> {
      List<Path> sources = sourcesOf(className);
      if (sources.size() != 1) {
        missing.add(className + ": " + sources.size() + " source files, expected 1");
        return;
      }
      Set<String> testMethods = testMethods(sources.get(0));
      methods.stream().filter(method -> !testMethods.contains(method))
          .forEach(method -> missing.add(className + "#" + method + ": no such test method"));
    });
    assertThat(missing).as("threat-model rows naming tests that do not exist").isEmpty();
  }

  @Test
  void everyThreatClassOfTheIssueNamesATest() throws IOException {
    String model = Files.readString(MODEL);
    for (String threatClass : THREAT_CLASSES) {
      int start = model.indexOf("\n### " + threatClass);
      assertThat(start).as("section ### " + threatClass).isNotNegative();
      int end = model.indexOf("\n##", start + 1);
      String section = model.substring(start, end < 0 ? model.length() : end);
      assertThat(REFERENCE.matcher(section).find()).as("a test named under " + threatClass).isTrue();
    }
  }

  @Test
  void recognisesTestMethodsAndNothingElse() throws IOException {
    // The reader itself must be able to fail: this class's own tests are found, its helpers not.
    Set<String> own = testMethods(TESTS.resolve("vn/customs/swg/ThreatModelTest.java"));
    assertThat(own).contains("everyNamedTestExistsAsATestMethod", "everyThreatClassOfTheIssueNamesATest")
        .doesNotContain("sourcesOf", "testMethods");
  }

  private static List<Path> sourcesOf(String className) {
    try (Stream<Path> walk = Files.walk(TESTS)) {
      return walk.filter(path -> path.getFileName().toString().equals(className + ".java")).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> testMethods(Path source) {
    Set<String> methods = new LinkedHashSet<>();
    try {
      // Whole-line comments removed, so a commented-out test does not count. (Block comments are
      // left: "/*" occurs in string literals such as media ranges.)
      String code = Files.readString(source).replaceAll("(?m)^\\s*//.*$", "");
      Matcher matcher = TEST_METHOD.matcher(code);
      while (matcher.find()) {
        methods.add(matcher.group(1));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return methods;
  }
}
