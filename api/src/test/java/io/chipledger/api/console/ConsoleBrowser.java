package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (scripts/test.sh installs both;
 * nothing is downloaded), for the console's browser tests. Each page looked at can be saved as a
 * screenshot under {@code target/console-screenshots/} and checked with axe-core (from npm,
 * {@code api/src/test/browser}) for serious or critical accessibility violations.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHIPLEDGER_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHIPLEDGER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    ConsoleBrowser(int port) throws IOException {
        assertThat(CHROMIUM).as("Chromium for the console's browser tests: scripts/test.sh installs Debian's chromium").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver: scripts/test.sh installs Debian's chromium-driver").isExecutable();
        this.base = "http://127.0.0.1:" + port;
        this.profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags this machine's network needs (no Google services to reach), a fresh profile each time.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Signs in on the console's form with the admin key; lands on the home page. */
    ConsoleBrowser signIn(String adminKey) {
        open("/console/sign-in");
        type("admin_key", adminKey);
        click(By.cssSelector("main form button[type=submit]"));
        waitFor(By.cssSelector("form.who"));
        return this;
    }

    void open(String path) {
        driver.get(base + path);
    }

    void type(String fieldId, String text) {
        WebElement field = driver.findElement(By.id(fieldId));
        field.clear();
        field.sendKeys(text);
    }

    void click(By what) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    /** Waits until an element is on the page (after an htmx swap, say) and answers it. */
    WebElement waitFor(By what) {
        try {
            return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (org.openqa.selenium.TimeoutException notThere) {
            throw new AssertionError("waited for " + what + " on " + driver.getCurrentUrl() + ", which reads:\n" + driver.getPageSource(), notThere);
        }
    }

    /** Waits until the element's text contains {@code text}. */
    void waitForText(By what, String text) {
        try {
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(what, text));
        } catch (org.openqa.selenium.TimeoutException notThere) {
            throw new AssertionError("waited for '" + text + "' in " + what + " on " + driver.getCurrentUrl() + ", which reads:\n"
                    + driver.getPageSource(), notThere);
        }
    }

    String text(By what) {
        return driver.findElement(what).getText();
    }

    List<WebElement> all(By what) {
        return driver.findElements(what);
    }

    String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Accepts the page's confirmation dialog ({@code hx-confirm}). */
    void confirm() {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png}, for review (not committed). */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Runs axe-core (WCAG 2 A and AA rules) on the page as it is and answers the violations of
     * impact serious or critical, each as "rule: help (n nodes)". Injected through the driver,
     * which the page's content policy does not govern.
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() throws IOException {
        assertThat(AXE).as("axe-core: scripts/test.sh runs npm ci in api/src/test/browser").exists();
        JavascriptExecutor page = driver;
        page.executeScript(Files.readString(AXE));
        Object result = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes: ' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    /** Screenshot, then the accessibility check, of the page as it is: what every role's test does on each page. */
    void review(String name) throws IOException {
        screenshot(name);
        assertThat(seriousAccessibilityViolations()).as("serious accessibility violations on " + currentPath()).isEmpty();
    }

    /** The session cookie as the browser holds it: name to attributes, for the cookie's flags. */
    Map<String, Object> sessionCookie() {
        return driver.manage().getCookieNamed("CHIPLEDGER_CONSOLE") == null ? Map.of()
                : Map.of("httpOnly", driver.manage().getCookieNamed("CHIPLEDGER_CONSOLE").isHttpOnly(),
                        "sameSite", String.valueOf(driver.manage().getCookieNamed("CHIPLEDGER_CONSOLE").getSameSite()),
                        "path", driver.manage().getCookieNamed("CHIPLEDGER_CONSOLE").getPath());
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
