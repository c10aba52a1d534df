package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The New Run form in a real browser reads what people type: {@code 1e-3} is 0.001 (it used to
 * train at 1.0), and an empty field stops the launch with a message on that field (it used to
 * launch with the default).
 */
class NewRunFormIT extends AppInBrowser {
    /** Where the screenshot of a refused form goes, for people checking how an error looks. */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser();
    }

    @Test
    void a_learning_rate_typed_as_1e_3_launches_a_run_at_0_001() throws Exception {
        var wait = openForm();
        type(wait, "name", "scientific notation");
        type(wait, "epochs", "1");
        type(wait, "hidden-size", "16");
        type(wait, "learning-rate", "1e-3");
        click(browser.findElement(By.id("launch")));

        wait.until(ExpectedConditions.urlContains("/runs/"));
        String url = browser.getCurrentUrl();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1).replaceAll("\\D.*", ""));
        try {
            JsonNode spec = app.run(id).get("spec");
            assertThat(spec.get("learningRate").asDouble()).isEqualTo(0.001);
            assertThat(spec.get("epochs").asInt()).isEqualTo(1);
            assertThat(spec.get("hiddenSize").asInt()).isEqualTo(16);
            assertThat(spec.get("name").asText()).isEqualTo("scientific notation");
        } finally {
            app.post("/api/runs/" + id + "/cancel", ""); // what it learns does not matter here: free the CPU
        }
    }

    @Test
    void an_empty_epochs_field_blocks_the_launch_with_a_message_on_that_field() throws Exception {
        int runsBefore = app.get("/api/runs").json().size();
        var wait = openForm();
        type(wait, "name", "must not launch");
        type(wait, "epochs", "");
        click(browser.findElement(By.id("launch")));

        WebElement epochs = browser.findElement(By.id("epochs"));
        wait.until(d -> epochs.getDomAttribute("invalid") != null);
        assertThat(String.valueOf(epochs.getDomProperty("errorMessage"))).contains("Required");
        assertThat(epochs.findElement(By.cssSelector("[slot='error-message']")).getText()).contains("Required");
        assertThat(browser.findElement(By.id("learning-rate")).getDomAttribute("invalid")).isNull();
        screenshot(epochs, "new-run-empty-epochs.png");

        assertThat(browser.getCurrentUrl()).doesNotContain("/runs/");
        assertThat(app.get("/api/runs").json().size()).as("no run was created").isEqualTo(runsBefore);
        assertThat(app.get("/api/runs").body()).doesNotContain("must not launch");

        // typing a number clears the mark (Binder checks the field again)
        type(wait, "epochs", "abc");
        wait.until(d -> String.valueOf(epochs.getDomProperty("errorMessage")).contains("'abc' is not a number"));
        type(wait, "epochs", "2");
        wait.until(d -> epochs.getDomAttribute("invalid") == null);
    }

    private static WebDriverWait openForm() {
        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/new");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("launch")));
        return wait;
    }

    private static void type(WebDriverWait wait, String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + fieldId + " input")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.TAB);
    }

    /** Scrolls the element to the middle of the window first: a tall page must not hide it. */
    private static void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static void screenshot(WebElement near, String fileName) throws Exception {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", near);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(fileName), browser.getScreenshotAs(OutputType.BYTES));
    }
}
