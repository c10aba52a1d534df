package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The run page of a finished translation run and the not-found page, in a real browser: the bugs
 * a user met there (raw JSON samples, a postage-stamp attention map, an unstyled "Could not
 * navigate" page) stay fixed.
 */
class RunPageIT extends AppInBrowser {
    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
    }

    @Test
    void an_unknown_run_or_page_shows_a_not_found_page_inside_the_app_with_a_way_back() {
        var wait = waitUpTo(Duration.ofSeconds(60));
        for (String path : new String[] {"/runs/999", "/runs/abc", "/nothing-here"}) {
            browser.get(app.baseUrl() + path);
            WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found-message")));
            assertThat(message.getText()).as(path).containsAnyOf("There is no run", "There is no page");
            assertThat(browser.getPageSource()).as(path + " keeps the app's menu").contains("New run");
            assertThat(browser.getPageSource()).doesNotContain("Could not navigate");
        }
        browser.findElement(By.id("back-to-runs")).click();
        wait.until(ExpectedConditions.urlMatches(".*/runs/?$"));
    }

    @Test
    void a_finished_translation_shows_its_verdict_readable_samples_and_a_full_size_attention_map() throws Exception {
        long id = app.submit("""
                {"task":"translation","epochs":2,"builtinSize":800,"hiddenSize":32,"name":"page run"}""");
        app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(6));

        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/runs/" + id);
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
        assertThat(verdict.getText()).matches("(Beat|Did not beat) copying the source: bleu .*");
        wait.until(d -> !d.findElement(By.id("samples")).getText().isBlank());
        String samples = browser.findElement(By.id("samples")).getText();
        assertThat(samples).as("translations are drawn as text, not raw JSON").contains("->")
                .doesNotContain("{\"source\"").doesNotContain("\"weights\"");
        WebElement metricChart = browser.findElement(By.id("metric-chart"));
        assertThat(Integer.parseInt(metricChart.getDomAttribute("data-points")))
                .as("held-out points after two epochs (bleu and exact match each epoch)").isGreaterThanOrEqualTo(4);

        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#try-input input")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "3rd of march 2021", Keys.TAB);
        WebElement ask = browser.findElement(By.id("try-ask"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", ask);
        ask.click();
        waitUpTo(Duration.ofSeconds(90))
                .until(d -> !d.findElement(By.id("try-output")).getText().isBlank());
        assertThat(browser.findElement(By.id("try-output")).getText()).doesNotContain("Not answered");
        WebElement map = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try-attention")));
        wait.until(d -> map.getRect().getWidth() > 300);
        assertThat(map.getRect().getWidth()).as("the map fills its box, not a 100 px corner").isGreaterThan(300);
        assertThat(map.getRect().getHeight()).isGreaterThan(150);
    }
}
