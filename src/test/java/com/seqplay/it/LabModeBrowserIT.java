package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Lab mode in a real browser, under the server's content security policy: a page asks for the
 * login first, the administrator logs in, lands on the page asked for, launches a run that is
 * recorded as theirs, adds a user on the users page and logs out.
 */
class LabModeBrowserIT extends AppInBrowser {
    static final String PASSWORD = "lab-admin-password";

    @BeforeAll
    static void start() throws Exception {
        startAppAndBrowser("--seqplay.mode=lab", "--seqplay.admin.password=" + PASSWORD);
    }

    @Test
    void the_administrator_logs_in_launches_a_run_adds_a_user_and_logs_out() throws Exception {
        var wait = waitUpTo(Duration.ofSeconds(60));
        browser.get(app.baseUrl() + "/runs");
        wait.until(ExpectedConditions.urlContains("/login"));

        type(wait, "vaadinLoginUsername", "admin");
        type(wait, "vaadinLoginPassword", PASSWORD + Keys.ENTER);
        // Spring Security sends the browser back to the page asked for (with "?continue").
        wait.until(ExpectedConditions.urlMatches(".*/runs(\\?continue)?$"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));

        // A run launched from the form belongs to the logged-in user.
        browser.get(app.baseUrl() + "/new");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("launch")));
        replace(wait, "name", "lab browser run");
        replace(wait, "epochs", "1");
        replace(wait, "hidden-size", "16");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(By.id("launch")));
        browser.findElement(By.id("launch")).click();
        wait.until(ExpectedConditions.urlContains("/runs/"));
        String id = browser.getCurrentUrl().replaceAll(".*/runs/(\\d+).*", "$1");
        var run = api("/api/runs/" + id);
        assertThat(run.path("owner").asText()).isEqualTo("admin");
        assertThat(run.path("name").asText()).isEqualTo("lab browser run");

        browser.get(app.baseUrl() + "/admin");
        type(wait, "new-username", "ada");
        type(wait, "new-password", "ada-password-1");
        browser.findElement(By.id("add-user")).click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().equals("ada")));

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(app.baseUrl() + "/admin");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    private static void replace(WebDriverWait wait, String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + fieldId + " input")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    /** The API as the administrator (HTTP Basic). */
    private static com.fasterxml.jackson.databind.JsonNode api(String path) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        var response = java.net.http.HttpClient.newHttpClient().send(app.request(path).header("Authorization", "Basic " + basic)
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    private static void type(WebDriverWait wait, String fieldId, CharSequence text) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + fieldId + " input")));
        input.sendKeys(text);
    }
}
