package dev.tether.control.web.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the system's chromedriver. Both paths are given explicitly (from
 * {@code TETHER_CHROMIUM} / {@code TETHER_CHROMEDRIVER}, else Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}), so Selenium Manager is never consulted and nothing is downloaded.
 * Tests call {@link #assumeAvailable()} first: without the browser they are skipped, saying why.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(env("TETHER_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("TETHER_CHROMEDRIVER", "/usr/bin/chromedriver"));

  // Selenium looks for DevTools bindings matching the browser and warns when none ship; none are used.
  // (Held in fields: java.util.logging forgets the level of a logger nobody references.)
  private static final java.util.logging.Logger QUIET_DEVTOOLS = quiet("org.openqa.selenium.devtools");
  private static final java.util.logging.Logger QUIET_CHROMIUM = quiet("org.openqa.selenium.chromium");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.OFF);
    return logger;
  }

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** Skips the calling test unless Chromium and chromedriver are installed. */
  static void assumeAvailable() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: need " + CHROMIUM + " and " + CHROMEDRIVER
            + " (Debian: apt-get install chromium chromium-driver; or set TETHER_CHROMIUM and TETHER_CHROMEDRIVER)");
  }

  static Browser open(int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=" + width + "," + height, "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().withLogFile(new File("/dev/null")).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    Browser b = new Browser(driver);
    // The window includes the browser's frame; make the page itself the requested size.
    b.js("return 1");
    return b;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement waitFor(String css) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  void waitGone(String css) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
  }

  void waitUntil(String what, Predicate<Browser> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(what).until(d -> condition.test(this));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String css) {
    return find(css).getText();
  }

  /** The browser console's errors since the last call (warnings and below are ignored). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Signs in by storing the token as the sign-in form would, then loads the app. */
  void signedIn(String base, String token) {
    get(base + "/assets/app.css");
    js("localStorage.setItem('tether.token', arguments[0])", token);
    get(base + "/");
    waitFor(".appbar");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
