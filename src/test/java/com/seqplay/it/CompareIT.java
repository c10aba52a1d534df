package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Comparing runs in a real browser: three small finished runs (two GRU seeds, one LSTM) are
 * selected in the Runs list and compared; grouping by cell turns the curves into group means
 * with bands; the configuration table shows only the settings that differ; a reload of the URL
 * gives the same view.
 */
class CompareIT {
    @TempDir
    static Path dir;

    static AppProcess app;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        app = AppProcess.start(dir.resolve("data"));
        browser = Browser.start(dir.resolve("chromium"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void three_runs_are_compared_grouped_by_cell_with_bands_and_the_url_restores_the_view() throws Exception {
        List<Long> ids = List.of(app.submit(tiny("gru", 1)), app.submit(tiny("gru", 2)), app.submit(tiny("lstm", 1)));
        for (long id : ids) {
            app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(3));
        }
        assertThat(app.get("/api/runs?cell=gru&sort=-best").json().size()).isEqualTo(2);
        var series = app.get("/api/series?runs=" + ids.get(0) + "," + ids.get(2) + "&names=train_loss,bpc&points=50");
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.json().get("runs").get(Long.toString(ids.get(0))).get("bpc").get("value").size()).isEqualTo(2);

        var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/runs");
        wait.until(d -> rowBoxes().size() >= 3);
        // A lazy grid hides its select-all box; if one shows, it comes first: the rows are the last three.
        List<WebElement> boxes = rowBoxes();
        for (WebElement box : boxes.subList(boxes.size() - 3, boxes.size())) {
            click(box);
        }
        WebElement compare = browser.findElement(By.id("compare"));
        wait.until(d -> compare.isEnabled());
        click(compare);
        wait.until(ExpectedConditions.urlContains("compare?runs="));
        wait.until(d -> "3".equals(attribute(By.cssSelector(".compare-chart"), "data-lines")));
        assertThat(configRows()).contains("cell", "seed").doesNotContain("epochs", "hiddenSize");

        // Group by cell: two mean lines, each with its band.
        click(browser.findElement(By.id("compare-group")));
        WebElement cellItem = wait.until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(i -> i.getText().trim().equals("cell")).findFirst().orElse(null));
        click(cellItem);
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-lines")));
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-bands")));
        wait.until(ExpectedConditions.urlContains("group=cell"));
        assertThat(browser.findElement(By.id("compare-results")).getText()).contains("cell gru (n=2)", "±", "★");
        Path shot = Path.of("target", "compare-it.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        String url = browser.getCurrentUrl();
        browser.navigate().refresh();
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-bands")));
        assertThat(attribute(By.cssSelector(".compare-chart"), "data-lines")).isEqualTo("2");
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(configRows()).contains("cell", "seed").doesNotContain("epochs");
        assertThat(browser.findElement(By.id("compare-results")).getText()).contains("cell lstm (n=1)");
    }

    private static String tiny(String cell, int seed) {
        return """
                {"task":"textgen","cell":"%s","seed":%d,"epochs":2,"builtinSize":6000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":20}""".formatted(cell, seed);
    }

    private static List<WebElement> rowBoxes() {
        return browser.findElements(By.cssSelector("#runs-grid vaadin-checkbox")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    private static List<String> configRows() {
        return browser.findElements(By.cssSelector("#compare-config tr[data-field]")).stream()
                .map(r -> r.getDomAttribute("data-field")).toList();
    }

    private static String attribute(By by, String name) {
        var found = browser.findElements(by);
        return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    }

    private static void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
