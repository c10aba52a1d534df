package com.seqplay.it;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged application in a process of its own and a headless Chromium, for one browser test
 * class: a subclass starts both in its {@code @BeforeAll} with {@link #startAppAndBrowser}, and
 * both are closed after the class, in a fresh temporary folder per class.
 */
abstract class AppInBrowser {
    @TempDir
    static Path dir;

    static AppProcess app;
    static ChromeDriver browser;

    /** Starts the application on {@code <temp>/data} with these arguments, then the browser. */
    static void startAppAndBrowser(String... appArguments) throws Exception {
        app = AppProcess.start(dir.resolve("data"), appArguments);
        browser = Browser.start(dir.resolve("chromium"));
    }

    /**
     * A wait on the browser for up to {@code timeout}. Pages redraw while runs report (charts,
     * status, lists): an element found a moment ago may be replaced before it is read, which is not
     * a failure, so the condition is simply tried again, as it is after any other miss.
     */
    static WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @AfterAll
    static void stopAppAndBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (app != null) {
            app.close();
            app = null;
        }
    }
}
