package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The "Inside the model" panel of a finished text run in a real browser: typing an input draws a
 * heatmap per signal of each layer, with one column per character, one row per unit and gate
 * values between 0 and 1; the units are sorted by activity; hovering names step, token and unit.
 */
class InsideModelIT extends AppInBrowser {
    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
    }

    @Test
    void a_finished_text_run_shows_its_gates_and_states_for_a_typed_input() throws Exception {
        long id = app.submit("""
                {"task":"textgen","cell":"lstm","epochs":1,"builtinSize":3000,"hiddenSize":16,"layers":2,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"name":"inside run"}""");
        app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(4));

        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/runs/" + id);
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#inside-input input")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "the cat", Keys.TAB);
        browser.findElement(By.id("inside-show")).click();

        waitUpTo(Duration.ofSeconds(120)).until(d -> d.findElements(
                By.cssSelector("seqplay-state-heatmap[data-signal='forget'][data-columns]")).size() == 2);
        assertThat(browser.findElement(By.id("inside-message")).getText()).isEmpty();
        List<String> signals = browser.findElements(By.cssSelector("seqplay-state-heatmap[data-layer='layer 1']"))
                .stream().map(e -> e.getDomAttribute("data-signal")).toList();
        assertThat(signals).containsExactly("hidden", "cell", "forget", "input", "output");

        WebElement forget = browser.findElement(By.cssSelector(
                "seqplay-state-heatmap[data-layer='layer 1'][data-signal='forget']"));
        assertThat(forget.getDomAttribute("data-columns")).as("one column per character").isEqualTo("7");
        assertThat(forget.getDomAttribute("data-rows")).as("one row per unit").isEqualTo("16");
        wait.until(d -> forget.getRect().getWidth() > 300);
        @SuppressWarnings("unchecked")
        List<List<Number>> cells = (List<List<Number>>) browser.executeScript("return arguments[0].cells()", forget);
        assertThat(cells).as("every step of every unit is drawn").hasSize(7 * 16);
        assertThat(cells).allSatisfy(c -> assertThat(c.get(2).doubleValue()).isBetween(0.0, 1.0));
        assertThat(cells.stream().mapToDouble(c -> c.get(2).doubleValue()).distinct().count())
                .as("the gate is not one flat colour").isGreaterThan(10);

        // "most active first": the top row of the hidden state varies at least as much as the bottom one
        WebElement hidden = browser.findElement(By.cssSelector(
                "seqplay-state-heatmap[data-layer='layer 1'][data-signal='hidden']"));
        @SuppressWarnings("unchecked")
        List<List<Number>> hiddenCells = (List<List<Number>>) browser.executeScript("return arguments[0].cells()", hidden);
        assertThat(variance(hiddenCells, 0)).isGreaterThanOrEqualTo(variance(hiddenCells, 15));
        assertThat(forget.getDomAttribute("data-first-row")).as("all maps of a layer share the unit order")
                .isEqualTo(hidden.getDomAttribute("data-first-row"));

        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", forget);
        new Actions(browser).moveToElement(forget, 0, -20).perform();
        wait.until(d -> String.valueOf(((ChromeDriver) d).executeScript(
                "return arguments[0].shadowRoot.textContent", forget)).contains("unit "));
        String tooltip = String.valueOf(browser.executeScript("return arguments[0].shadowRoot.textContent", forget));
        assertThat(tooltip).contains("step ").contains("Forget gate");
    }

    private static double variance(List<List<Number>> cells, int row) {
        double[] v = cells.stream().filter(c -> c.get(1).intValue() == row).mapToDouble(c -> c.get(2).doubleValue())
                .toArray();
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        return java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
    }
}
