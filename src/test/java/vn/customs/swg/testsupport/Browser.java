package vn.customs.swg.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A fresh headless Chromium for each test (JUnit extension, {@code @RegisterExtension}): Debian's
 * chromium driven through Debian's chromedriver, both named by path so that Selenium Manager never
 * looks for, or downloads, anything; a new profile directory each time, deleted afterwards. After
 * each test, passed or failed, it saves a screenshot of the page as
 * {@code <build dir>/screenshots/<TestClass>.<test>.png} (build dir from the {@code swg.buildDir}
 * system property the failsafe configuration passes, else target), then quits the browser. Where
 * chromium or chromedriver is missing, a test fails under CI=true and is skipped on a developer
 * machine.
 */
public final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Longest wait for anything a test waits for in the page. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private ChromeDriver driver;
  private ChromeDriverService service;
  private Path profile;

  public static void requireInstalled() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message = CHROMIUM + " or " + CHROMEDRIVER + " is not installed (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + ": CI must run the browser tests");
      }
      Assumptions.assumeTrue(false, message + ": skipped on a developer machine");
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    requireInstalled();
    profile = Files.createTempDirectory("swg-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1400", "--lang=en-GB", "--user-data-dir=" + profile);
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withSilent(true).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(20));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (driver != null) {
      screenshot(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      if (service != null) {
        service.stop();
        service = null;
      }
      deleteProfile();
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a URL and returns once the page has loaded. */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  /** Waits up to {@link #WAIT} for the condition; fails with the page's URL and title otherwise. */
  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(() -> "on " + driver.getCurrentUrl() + " (" + driver.getTitle() + ")")
        .until(condition);
  }

  /**
   * Waits until the browser shows a fully loaded page whose URL contains the text, as after a GET
   * form's submission. Waiting for the old page's elements to go stale instead is racy: while the
   * old document is torn down Chromium may answer "Node with given id does not belong to the
   * document" rather than a stale-element error, and the wait gives up on that.
   */
  public void awaitPage(String urlContains) {
    await(driver -> driver.getCurrentUrl().contains(urlContains)
        && "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
  }

  /** Waits until an element is visible and returns it. */
  public WebElement visible(By by) {
    return await(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Saves the page as it is now; the path is printed so a reader of the test log finds it. */
  public Path screenshot(String name) {
    Path file = Path.of(System.getProperty("swg.buildDir", "target"), "screenshots", name + ".png");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // a browser that died is reported by the test itself; no screenshot to take then
      System.err.println("no screenshot " + file + ": " + e);
      return file;
    }
    System.out.println("screenshot: " + file.toAbsolutePath());
    return file;
  }

  private void deleteProfile() {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary profile is not worth failing a test for
      System.err.println("profile " + profile + " not fully deleted: " + e);
    } finally {
      profile = null;
    }
  }
}
