package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Comparing runs in a real browser: three small finished runs (two GRU seeds, one LSTM) are
 * selected in the Runs list and compared; grouping by cell turns the curves into group means
 * with bands; the configuration table shows only the settings that differ; the texts the runs
 * generated from the same prompt stand side by side, and their gradient-reach curves overlay; a
 * reload of the URL gives the same view. The Runs list keeps its chosen columns in the URL.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CompareIT extends AppInBrowser {
    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
    }

    @Test
    @org.junit.jupiter.api.Order(1) // the runs list below must hold this test's three runs only
    void three_runs_are_compared_grouped_by_cell_with_bands_and_the_url_restores_the_view() throws Exception {
        List<Long> ids = List.of(app.submit(tiny("gru", 1)), app.submit(tiny("gru", 2)), app.submit(tiny("lstm", 1)));
        for (long id : ids) {
            app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(3));
        }
        // the other test of this class may have added runs of its own: look at these three only
        List<Long> gru = new java.util.ArrayList<>();
        app.get("/api/runs?cell=gru&sort=-best").json().forEach(r -> gru.add(r.get("id").asLong()));
        assertThat(gru).filteredOn(ids::contains).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        var series = app.get("/api/series?runs=" + ids.get(0) + "," + ids.get(2) + "&names=train_loss,bpc&points=50");
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.json().get("runs").get(Long.toString(ids.get(0))).get("bpc").get("value").size()).isEqualTo(2);

        var wait = waitUpTo(Duration.ofSeconds(60));
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

        // Samples side by side: each run's text from its last epoch (2). The built-in corpus is
        // generated from the seed, so seed 1 (GRU and LSTM) and seed 2 were prompted differently:
        // two prompt rows, and the view says the prompts differ instead of lining them up.
        WebElement texts = wait.until(d -> d.findElements(By.id("compare-samples-table-text")).stream().findFirst()
                .orElse(null));
        List<WebElement> prompts = texts.findElements(By.cssSelector("tr[data-input]"));
        assertThat(prompts).hasSize(2);
        WebElement seed1 = prompts.stream().filter(r -> !r.findElement(By.cssSelector("td[data-run='" + ids.get(0) + "']"))
                .getText().isBlank()).findFirst().orElseThrow();
        assertThat(seed1.findElement(By.cssSelector("td[data-run='" + ids.get(2) + "']")).getText()).isNotBlank();
        assertThat(seed1.findElement(By.cssSelector("td[data-run='" + ids.get(1) + "']")).getText()).isBlank();
        assertThat(texts.findElement(By.tagName("tr")).getText()).contains("prompt", "#" + ids.get(0) + " · epoch 2");
        assertThat(browser.findElement(By.cssSelector("#compare-samples-textgen .samples-note")).getText())
                .contains("not on the same prompts", "0 of 2 are shared by all");
        wait.until(d -> "3".equals(attribute(By.id("compare-reach-chart"), "data-lines")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", texts);
        Path samplesShot = Path.of("target", "compare-it-samples.png");
        Files.createDirectories(samplesShot.getParent());
        Files.write(samplesShot, browser.getScreenshotAs(OutputType.BYTES));

        // Group by cell: two mean lines, each with its band.
        click(browser.findElement(By.id("compare-group")));
        WebElement cellItem = wait.until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(i -> i.getText().trim().equals("cell")).findFirst().orElse(null));
        click(cellItem);
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-lines")));
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-bands")));
        wait.until(ExpectedConditions.urlContains("group=cell"));
        assertThat(browser.findElement(By.id("compare-results")).getText()).contains("cell gru (n=2)", "±", "★");
        wait.until(d -> "2".equals(attribute(By.id("compare-reach-chart"), "data-bands")));
        assertThat(browser.findElement(By.id("compare-samples-table-text")).getText()).contains("(cell lstm)");
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

        // The Runs list's chosen columns come back from its URL.
        browser.get(app.baseUrl() + "/runs?columns=name,cell,seed,best");
        wait.until(d -> rowBoxes().size() >= 3);
        assertThat(browser.findElement(By.id("column-seed")).getDomAttribute("checked")).isNotNull();
        assertThat(browser.findElement(By.id("column-task")).getDomAttribute("checked")).isNull();
        assertThat(browser.findElement(By.id("runs-grid")).getText()).contains("Seed").doesNotContain("Clipping");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void an_experiments_comparison_fills_in_while_its_runs_train_without_a_reload() throws Exception {
        var created = app.post("/api/experiments", """
                {"name":"live","base":%s,"vary":{"cell":["rnn","gru"]}}""".formatted(tiny("lstm", 5)
                .replace("\"epochs\":2", "\"epochs\":3")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long experiment = created.json().get("id").asLong();
        List<Long> ids = new java.util.ArrayList<>();
        created.json().get("runIds").forEach(id -> ids.add(id.asLong()));

        var wait = waitUpTo(Duration.ofMinutes(4));
        browser.get(app.baseUrl() + "/compare?experiment=" + experiment + "&group=cell");
        browser.executeScript("window.notReloaded = true");
        // Points of both groups arrive by push, then both runs finish and their results show.
        wait.until(d -> "2".equals(attribute(By.cssSelector(".compare-chart"), "data-lines")));
        for (long id : ids) {
            app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(4));
        }
        wait.until(d -> d.findElements(By.id("compare-results")).stream()
                .anyMatch(t -> t.getText().contains("cell rnn (n=1)") && t.getText().contains("★")));
        // each run's text from its last epoch, side by side (same seed, so the same prompt)
        wait.until(d -> d.findElements(By.id("compare-samples-table-text")).stream()
                .anyMatch(t -> t.getText().split("epoch 3", -1).length == 3));
        assertThat(browser.findElements(By.cssSelector("#compare-samples-table-text tr[data-input]"))).hasSize(1);
        wait.until(d -> "2".equals(attribute(By.id("compare-reach-chart"), "data-bands")));
        assertThat(browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
        assertThat(browser.getCurrentUrl()).contains("experiment=" + experiment);
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
