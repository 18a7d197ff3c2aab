package dev.stepwise.harness.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromedriver through Selenium, with helpers that find controls by their
 * accessible names (a label's text, a button's text), as a person or a screen reader would.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser; fails, naming the install command, when Chromium or chromedriver is missing. */
    static HeadlessChromium start() {
        String binary = System.getenv().getOrDefault("STEPWISE_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("STEPWISE_CHROMEDRIVER", "/usr/bin/chromedriver");
        for (String file : List.of(binary, chromedriver)) {
            if (!Files.isExecutable(Path.of(file))) {
                fail("The sign-in page's browser tests need headless Chromium and chromedriver, and " + file
                        + " is missing. Install them (Debian): " + INSTALL
                        + " (or name other binaries in STEPWISE_CHROMIUM and STEPWISE_CHROMEDRIVER).");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("stepwise-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // The closed network refuses Chromium's own background connections; none of them is needed here.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=900,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver, profile);
    }

    /** Opens the page with an empty localStorage and sessionStorage for its origin, so no earlier test signs it in. */
    void open(String url) {
        driver.get(url);
        ((JavascriptExecutor) driver).executeScript("localStorage.clear(); sessionStorage.clear();");
        driver.get(url);
    }

    /** The input whose label reads {@code label}. */
    WebElement input(String label) {
        return await(() -> "an input labelled " + label, () -> {
            List<WebElement> labels = driver.findElements(By.xpath("//label[normalize-space()='" + label + "']"));
            for (WebElement l : labels) {
                if (l.isDisplayed()) {
                    return driver.findElement(By.id(l.getAttribute("for")));
                }
            }
            return null;
        });
    }

    void type(String label, String text) {
        WebElement input = input(label);
        input.clear();
        input.sendKeys(text);
    }

    WebElement button(String name) {
        return await(() -> "a button named " + name, () -> {
            for (WebElement b : driver.findElements(By.xpath("//button[normalize-space()='" + name + "']"))) {
                if (b.isDisplayed() && b.isEnabled()) {
                    return b;
                }
            }
            return null;
        });
    }

    void click(String buttonName) {
        button(buttonName).click();
    }

    /** Waits until the page's heading reads {@code text}. */
    void awaitHeading(String text) {
        await(() -> "the heading \"" + text + "\" (page says: " + summary() + ")", () -> {
            List<WebElement> h1 = driver.findElements(By.tagName("h1"));
            return !h1.isEmpty() && h1.get(0).getText().equals(text) ? Boolean.TRUE : null;
        });
    }

    /** Waits until the alert region holds text, and returns it. */
    String awaitAlert() {
        return await(() -> "an alert (page says: " + summary() + ")", () -> {
            String text = alert();
            return text.isEmpty() ? null : text;
        });
    }

    String alert() {
        return driver.findElement(By.cssSelector("[role=alert]")).getText().strip();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    String summary() {
        try {
            return driver.findElement(By.tagName("main")).getText().replace('\n', ' ');
        } catch (RuntimeException e) {
            return "(no page)";
        }
    }

    /** Saves a PNG of the viewport under {@link #SCREENSHOTS}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T await(Supplier<String> what, Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                // Still rendering.
            }
            if (System.nanoTime() > deadline) {
                fail("waited 15 s for " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what.get());
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary profile left behind is harmless.
            }
        }
    }
}
