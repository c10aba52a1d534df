package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every teaching view of the run page, for a finished tiny run of each task, drawn with data in a
 * real browser: the loss chart, the gradient norm on a log axis with the share of clipped steps per
 * epoch, the training health charts, the verdict sentence, and what each task adds (gradient reach
 * and the inside-the-model panel for text, the attention map and exact match by source length for
 * translation, the forecast for forecasting, the probe's answers for memory). The charts are read
 * through their data attributes (how many points they hold, their axes), not only found.
 */
class TeachingViewsIT extends AppInBrowser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 2;
    /** Tiny runs of every task, submitted together so the later ones train while the first are checked. */
    private static final Map<String, String> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("textgen", """
                {"task":"textgen","cell":"lstm","epochs":%d,"builtinSize":4000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":20,"name":"views textgen"}""".formatted(EPOCHS));
        SPECS.put("translation", """
                {"task":"translation","cell":"gru","dataset":"builtin:dates","builtinSize":300,"hiddenSize":16,
                 "epochs":%d,"batchSize":16,"attention":true,"name":"views translation"}""".formatted(EPOCHS));
        SPECS.put("forecasting", """
                {"task":"forecasting","cell":"gru","builtinSize":400,"window":24,"horizon":6,"hiddenSize":8,
                 "epochs":%d,"batchSize":32,"name":"views forecasting"}""".formatted(EPOCHS));
        SPECS.put("memory", """
                {"task":"memory","cell":"gru","distractors":5,"alphabet":4,"symbols":2,"sequences":200,
                 "epochs":%d,"hiddenSize":8,"layers":1,"name":"views memory"}""".formatted(EPOCHS));
    }

    static final Map<String, Long> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
        for (var spec : SPECS.entrySet()) {
            RUNS.put(spec.getKey(), app.submit(spec.getValue()));
        }
    }

    @Test
    void a_text_run_shows_the_common_views_the_gradient_reach_and_the_inside_of_the_model() throws Exception {
        WebDriverWait wait = openFinished("textgen");
        WebElement reach = browser.findElement(By.id("reach-chart"));
        assertThat(reach.isDisplayed()).isTrue();
        int reachPoints = points(wait, reach);
        assertThat(reachPoints).as("the untrained and the trained curve, one point per distance").isGreaterThan(10);
        assertThat(axis(reach, "y-axis").path("log").asBoolean()).isTrue();
        WebElement inside = browser.findElement(By.id("inside-model"));
        scrollTo(inside);
        assertThat(inside.isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#inside-input input"))).hasSize(1);
        assertThat(browser.findElements(By.id("length-accuracy")).stream().allMatch(e -> !e.isDisplayed()))
                .as("the length chart is translation's only").isTrue();
    }

    @Test
    void a_translation_run_shows_its_attention_map_and_exact_match_by_source_length() throws Exception {
        WebDriverWait wait = openFinished("translation");
        WebElement map = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".sample[data-kind='attention'] seqplay-attention-map[data-rows]")));
        assertThat(Integer.parseInt(map.getDomAttribute("data-rows"))).as("one row per output token").isGreaterThan(0);
        assertThat(browser.findElements(By.cssSelector(".sample[data-kind='attention']")))
                .as("one attention sample per epoch").hasSize(EPOCHS);

        WebElement lengths = browser.findElement(By.id("length-accuracy"));
        scrollTo(lengths);
        assertThat(lengths.isDisplayed()).isTrue();
        assertThat(lengths.getDomAttribute("data-held-out")).as("the test pairs replace the validation ones")
                .isEqualTo("test");
        int buckets = Integer.parseInt(lengths.getDomAttribute("data-buckets"));
        assertThat(buckets).isBetween(2, 5);
        WebElement chart = browser.findElement(By.id("length-accuracy-chart"));
        wait.until(d -> points(chart) == buckets);
        assertThat(axis(chart, "x-axis").path("name").asText()).isEqualTo("source length (tokens)");
        assertThat(axis(chart, "y-axis").path("name").asText()).isEqualTo("exact match");
        String text = browser.findElement(By.cssSelector("#length-accuracy .length-buckets")).getText();
        assertThat(text.split("; ")).hasSize(buckets);
        assertThat(text).contains("tokens: ").contains(" pairs (BLEU ");
        // the buckets hold all the test pairs: a tenth of the 300
        int pairs = java.util.Arrays.stream(text.split("; "))
                .mapToInt(b -> Integer.parseInt(b.replaceAll(".* of (\\d+) pairs.*", "$1"))).sum();
        assertThat(pairs).isEqualTo(30);

        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", lengths);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("translation-run.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void a_forecasting_run_shows_its_forecast() throws Exception {
        WebDriverWait wait = openFinished("forecasting");
        WebElement forecast = browser.findElement(By.id("forecast-chart"));
        scrollTo(forecast);
        assertThat(forecast.isDisplayed()).isTrue();
        // at least the actual values, the forecast and a baseline over the horizon of 6, beside the history
        assertThat(points(wait, forecast)).isGreaterThan(6 * 3);
        assertThat(browser.findElements(By.id("inside-model")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
    }

    @Test
    void a_memory_run_shows_the_probe_answers() throws Exception {
        WebDriverWait wait = openFinished("memory");
        WebElement answers = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".sample[data-kind='memory']")));
        assertThat(browser.findElements(By.cssSelector(".sample[data-kind='memory']"))).hasSize(EPOCHS);
        assertThat(answers.getText()).contains("after 5 distractors:").contains(" -> ");
        // one line per question: the symbols shown, the model's answer and the truth in brackets
        assertThat(answers.getText().lines().filter(l -> l.matches(".+ -> .+ \\(.+\\)")).count()).isGreaterThan(0);
    }

    /**
     * Waits for the run, opens its page and checks the views every task has: the verdict, the loss,
     * the gradient norm on a log axis, the clipped share per epoch and the training health.
     */
    private WebDriverWait openFinished(String task) throws Exception {
        long id = RUNS.get(task);
        JsonNode run = app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(4));
        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/runs/" + id);

        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
        assertThat(verdict.getText()).as(task).matches("(Beat|Did not beat) .+: .+ vs .+");
        assertThat(verdict.getText()).as("the page and the API say the same")
                .startsWith(run.path("verdict").path("beat").asBoolean() ? "Beat" : "Did not beat");

        WebElement loss = browser.findElement(By.id("loss-chart"));
        assertThat(points(wait, loss)).as(task + ": a train loss per step and a validation loss per epoch")
                .isGreaterThan(EPOCHS);
        WebElement norm = browser.findElement(By.id("gradient-chart"));
        assertThat(points(wait, norm)).as(task + ": a gradient norm per step").isGreaterThan(EPOCHS);
        assertThat(axis(norm, "y-axis").path("log").asBoolean()).as("norms span orders of magnitude").isTrue();
        WebElement clipped = browser.findElement(By.id("clipped-chart"));
        wait.until(d -> points(clipped) == EPOCHS);
        assertThat(axis(clipped, "y-axis").path("percent").asBoolean()).isTrue();
        WebElement ratio = browser.findElement(By.id("health-ratio-chart"));
        assertThat(points(wait, ratio)).as(task + ": an update ratio per layer and epoch").isGreaterThanOrEqualTo(EPOCHS);
        assertThat(browser.findElement(By.id("health-flag")).getText()).as(task).isNotBlank();
        return wait;
    }

    private static int points(WebDriverWait wait, WebElement chart) {
        wait.until(d -> points(chart) > 0);
        return points(chart);
    }

    private static int points(WebElement chart) {
        String count = chart.getDomAttribute("data-points");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static JsonNode axis(WebElement chart, String attribute) throws Exception {
        return JSON.readTree(chart.getDomAttribute(attribute));
    }

    private static void scrollTo(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }
}
