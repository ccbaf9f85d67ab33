package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * AML in the console (issue 21): an investigator with the role aml only finds an alert in the
 * queue, assigns it, investigates, notes, and reports it with the report's reference; the API then
 * shows it REPORTED with every step under the investigator's admin key. Another role's forged form
 * posts are refused (403) and change nothing.
 */
class AmlConsoleBrowserTest extends LedgerApiTest {

    @LocalServerPort
    int port;

    @Test
    void anInvestigatorTakesAnAlertFromNewToReported() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "vera", "25.00", "USD");
        Reply raised = client.admin("POST", "/admin/v1/aml/alerts", "{\"partner_id\":\"" + partner[0] + "\",\"player_id\":\"vera\","
                + "\"type\":\"sanctions_hit\",\"severity\":\"HIGH\",\"score\":80,\"note\":\"list match\"}");
        assertThat(raised.status()).as(raised.raw()).isEqualTo(201);
        String alertId = raised.body().get("alert").get("alert_id").asText();
        String[] aml = client.newAdminKey("Ana Investigator", "aml");
        String actor = "admin-key:" + aml[0];
        // The engine's profile of the player is written in batches: the profile page shows it once there.
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/aml/players/vera?partner_id=" + partner[0], null),
                reply -> reply.status() == 200);

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(aml[1]);
            browser.review("home-aml");
            browser.open("/console/aml/alerts?partner_id=" + partner[0] + "&status=NEW");
            browser.waitForText(By.cssSelector("main table tbody"), alertId);
            browser.review("aml-alerts");
            browser.click(By.linkText(alertId));
            browser.waitForText(By.id("alert-status"), "NEW");
            browser.review("aml-alert");

            browser.click(By.cssSelector("#workflow form[hx-post$='/assignment'] button"));
            browser.waitForText(By.cssSelector("#workflow [role=status]"), "Assigned to " + actor);
            browser.click(By.id("start-investigation"));
            browser.waitForText(By.id("alert-status"), "INVESTIGATING");
            browser.type("note", "Source of funds requested; none given");
            browser.click(By.id("add-note"));
            browser.waitForText(By.id("steps"), "Source of funds requested; none given");
            browser.type("report_reference", "STR-2026-0042");
            browser.click(By.id("report"));
            browser.waitForText(By.id("alert-status"), "REPORTED");
            assertThat(browser.text(By.id("alert-report"))).isEqualTo("STR-2026-0042");
            browser.review("aml-alert-reported");

            browser.click(By.partialLinkText("risk profile"));
            browser.waitFor(By.id("factors"));
            assertThat(browser.text(By.id("profile-score"))).endsWith("of 100");
            browser.review("aml-profile");
        }

        JsonNode detail = client.admin("GET", "/admin/v1/aml/alerts/" + alertId, null).body();
        assertThat(detail.get("alert").get("status").asText()).isEqualTo("REPORTED");
        assertThat(detail.get("alert").get("report_reference").asText()).isEqualTo("STR-2026-0042");
        assertThat(detail.get("alert").get("assignee").asText()).isEqualTo(actor);
        List<String> byInvestigator = new ArrayList<>();
        for (JsonNode step : detail.get("steps")) {
            if (step.get("actor").asText().equals(actor)) {
                byInvestigator.add(step.get("step").asText());
            }
        }
        assertThat(byInvestigator).containsExactly("assigned", "investigation_started", "note", "reported");

        ConsoleSession session = ConsoleSession.signedIn(port, aml[1]);
        HttpResponse<String> csv = session.get("/console/aml/alerts.csv?partner_id=" + partner[0] + "&status=REPORTED");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(2).first().asString().startsWith("alert_id,partner_id,player_id,type,severity");
        assertThat(csv.body().lines().toList().get(1)).startsWith(alertId + "," + partner[0] + ",vera,sanctions_hit,HIGH,80,")
                .contains(",REPORTED," + actor + ",STR-2026-0042,");
        HttpResponse<String> backToNew = session.act("/console/aml/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8) + "/status",
                "status", "NEW");
        assertThat(backToNew.statusCode()).as("the API's own refusal, shown as the console's problem").isEqualTo(400);
        assertThat(backToNew.body()).contains("an alert never goes back to NEW");
    }

    @Test
    void anotherRoleCannotReachTheAlertsOrForgeTheirForms() throws Exception {
        String[] partner = client.newPartner();
        Reply raised = client.admin("POST", "/admin/v1/aml/alerts", "{\"partner_id\":\"" + partner[0] + "\",\"player_id\":\"walt\","
                + "\"type\":\"tip_off\",\"severity\":\"LOW\"}");
        String alertId = raised.body().get("alert").get("alert_id").asText();
        String path = "/console/aml/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
        ConsoleSession auditor = ConsoleSession.signedIn(port, client.newAdminKey("Otto Auditor", "auditor")[1]);

        assertThat(auditor.get("/console/aml/alerts").statusCode()).isEqualTo(403);
        assertThat(auditor.get(path).statusCode()).isEqualTo(403);
        assertThat(auditor.get("/console/aml/alerts.csv").statusCode()).isEqualTo(403);
        assertThat(auditor.get("/console/aml/players?partner_id=" + partner[0] + "&player_id=walt").statusCode()).isEqualTo(403);
        List<HttpResponse<String>> forged = List.of(auditor.act(path + "/assignment", "assignee", "otto"),
                auditor.act(path + "/status", "status", "INVESTIGATING"), auditor.act(path + "/notes", "note", "forged"));
        assertThat(forged).extracting(HttpResponse::statusCode).containsOnly(403);
        assertThat(forged).as("refused for the roles, not for a token").allSatisfy(reply -> assertThat(reply.body()).contains("Not for your roles"));

        JsonNode detail = client.admin("GET", "/admin/v1/aml/alerts/" + alertId, null).body();
        assertThat(detail.get("alert").get("status").asText()).isEqualTo("NEW");
        assertThat(detail.get("steps").findValuesAsText("step")).containsExactly("raised");
    }

    /** The queue pages by the API's cursor: Next, then Previous back to the first page, the filter kept. */
    @Test
    void theQueuePagesForwardAndBack() throws Exception {
        String partnerId = client.newPartner()[0];
        List<String> raised = new ArrayList<>();
        for (int i = 0; i < QUEUE_PAGE_SIZE + 2; i++) {
            Reply alert = client.admin("POST", "/admin/v1/aml/alerts", "{\"partner_id\":\"" + partnerId + "\",\"player_id\":\"p" + i + "\","
                    + "\"type\":\"tip_off\",\"severity\":\"LOW\"}");
            raised.add(alert.body().get("alert").get("alert_id").asText());
        }
        ConsoleSession aml = ConsoleSession.signedIn(port, client.newAdminKey("Pam Pager", "aml")[1]);

        String first = aml.get("/console/aml/alerts?partner_id=" + partnerId).body();
        assertThat(alertsOn(first)).hasSize(QUEUE_PAGE_SIZE).doesNotHaveDuplicates().isSubsetOf(raised);
        assertThat(link(first, "Previous")).isNull();
        String second = aml.get(link(first, "Next")).body();
        assertThat(second).contains("Page 2");
        assertThat(alertsOn(second)).hasSize(2).doesNotContainAnyElementsOf(alertsOn(first));
        assertThat(link(second, "Next")).isNull();
        String back = aml.get(link(second, "Previous")).body();
        assertThat(back).contains("Page 1");
        assertThat(alertsOn(back)).isEqualTo(alertsOn(first));
    }

    /** The queue page of AmlConsoleController (package-private in the aml package). */
    private static final int QUEUE_PAGE_SIZE = 25;

    private static List<String> alertsOn(String page) {
        return Pattern.compile(">(aml:manual:[0-9a-f-]+)</a>").matcher(page).results().map(found -> found.group(1)).toList();
    }

    /** The pager's link with these words, unescaped, or null. */
    private static String link(String page, String words) {
        Matcher found = Pattern.compile("<a href=\"([^\"]+)\">" + words + "</a>").matcher(page);
        return found.find() ? found.group(1).replace("&amp;", "&") : null;
    }
}
