package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The main flow in a real browser: launch from the form, watch it learn live, find it in the list. */
class BrowserFlowIT extends AppInBrowser {
    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
    }

    @Test
    void a_run_launched_from_the_form_is_watched_live_to_the_end_and_found_in_the_runs_list() throws Exception {
        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/new");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("launch")));
        type(wait, "name", "browser run");
        type(wait, "epochs", "2");
        type(wait, "hidden-size", "32");
        click(browser.findElement(By.id("launch")));

        wait.until(ExpectedConditions.urlContains("/runs/"));
        WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("loss-chart")));
        waitUpTo(Duration.ofMinutes(2)).until(d -> points(chart) > 0);
        int seenWhileRunning = points(chart);

        waitUpTo(Duration.ofMinutes(4)).until(
                d -> "SUCCEEDED".equals(d.findElement(By.id("run-status")).getDomAttribute("data-status")));
        assertThat(points(chart)).isGreaterThanOrEqualTo(seenWhileRunning);
        assertThat(browser.findElement(By.id("run-result")).getText()).contains("bpc");
        assertThat(browser.findElement(By.id("samples")).getText()).contains("epoch 2");
        assertThat(points(browser.findElement(By.id("gradient-chart")))).as("grad_norm and clipped are drawn").isPositive();

        // Try the trained model: it continues a prompt.
        type(wait, "try-input", "the ");
        click(browser.findElement(By.id("try-ask")));
        wait.until(d -> !d.findElement(By.id("try-output")).getText().isBlank());
        assertThat(browser.findElement(By.id("try-output")).getText()).doesNotContain("Not answered");

        browser.get(app.baseUrl() + "/runs");
        wait.until(d -> d.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().contains("browser run")));
        assertThat(cellTexts(browser)).contains("SUCCEEDED");
    }

    private static void type(WebDriverWait wait, String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + fieldId + " input")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    /** Scrolls the element to the middle of the window first: a tall page must not hide it. */
    private static void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static int points(WebElement chart) {
        String n = chart.getDomAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static String cellTexts(WebDriver d) {
        return String.join(" | ", d.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).toList());
    }
}
