package com.seqplay.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

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
