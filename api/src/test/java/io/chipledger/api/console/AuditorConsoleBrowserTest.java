package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auditor in the console (issue 21): an admin with the role auditor only starts a verification,
 * watches it run to its end and sees it clean, as the audit API says; reads a wallet's event history
 * (and its CSV) and its balances at an instant. Another role's forged start is refused (403).
 */
class AuditorConsoleBrowserTest extends LedgerApiTest {

    @LocalServerPort
    int port;

    @Test
    void anAuditorRunsAVerificationAndReadsAHistory() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ada", "10.00", "USD");
        client.deposit(partner[1], "ada", "2.50", "USD");
        String wallet = partner[0] + ":ada";
        String[] auditor = client.newAdminKey("Aud Itor", "auditor");

        String verificationId;
        noVerificationRunning();
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(auditor[1]);
            browser.review("home-auditor");
            browser.open("/console/audit/verifications");
            browser.waitFor(By.id("start-verification"));
            browser.review("auditor-verifications");
            browser.click(By.id("start-verification"));
            browser.waitFor(By.cssSelector("section#verification"));
            verificationId = browser.text(By.id("verification-title")).substring("Verification ".length());
            awaitFinished(browser);
            browser.waitForText(By.id("verification-status"), "clean");
            assertThat(browser.text(By.id("verification-result"))).startsWith("Clean:");
            assertThat(browser.currentPath()).isEqualTo("/console/audit/verifications?verification_id=" + verificationId);
            browser.review("auditor-verification-clean");

            browser.open("/console/audit/history?aggregate_id=" + wallet);
            browser.waitFor(By.id("event-0"));
            assertThat(browser.all(By.cssSelector("#events tr"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(browser.text(By.id("event-1"))).contains("api-key:" + partner[2]);
            browser.review("auditor-history");

            browser.open("/console/audit/balances?partner_id=" + partner[0] + "&player_id=ada");
            browser.waitForText(By.id("balances"), "12.50");
            browser.review("auditor-balances");
        }

        Reply verification = client.send("GET", "/audit/v1/verifications/" + verificationId, null, "X-Admin-Key", auditor[1]);
        assertThat(verification.text("status")).as(verification.raw()).isEqualTo("clean");
        assertThat(verification.body().path("failure_count").asLong()).isZero();
        assertThat(verification.text("requested_by")).isEqualTo("admin-key:" + auditor[0]);

        ConsoleSession session = ConsoleSession.signedIn(port, auditor[1]);
        HttpResponse<String> csv = session.get("/console/audit/history.csv?aggregate_id=" + wallet);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("aggregate-history.csv");
        long events = client.send("GET", "/audit/v1/aggregates/" + wallet + "/events", null, "X-Admin-Key", auditor[1]).body().get("events").size();
        assertThat(csv.body().lines().count()).as(csv.body()).isEqualTo(1 + events);
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("aggregate_id,sequence,global_position,event_id,event_type");
    }

    @Test
    void anotherRoleCannotStartAVerificationOrReadTheHistory() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "bea", "1.00", "USD");
        ConsoleSession aml = ConsoleSession.signedIn(port, client.newAdminKey("Ana Aml", "aml")[1]);
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_verification", Long.class);

        HttpResponse<String> forged = aml.act("/console/audit/verifications");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).as("refused for the roles, not for a token").contains("Not for your roles");
        assertThat(aml.get("/console/audit/verifications").statusCode()).isEqualTo(403);
        assertThat(aml.get("/console/audit/history?aggregate_id=" + partner[0] + ":bea").statusCode()).isEqualTo(403);
        assertThat(aml.get("/console/audit/history.csv?aggregate_id=" + partner[0] + ":bea").statusCode()).isEqualTo(403);
        assertThat(aml.get("/console/audit/balances?partner_id=" + partner[0] + "&player_id=bea").statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_verification", Long.class)).isEqualTo(before);
    }

    /** A verification that finds an altered event links to it: the link opens the aggregate's history at that event. */
    @Test
    void aFailingEventIsALinkToItsPlaceInTheHistory() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "eve", "5.00", "USD");
        String wallet = partner[0] + ":eve";
        String auditor = client.newAdminKey("Eve Auditor", "auditor")[1];
        byte[] metaData = jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1",
                byte[].class, wallet);
        noVerificationRunning();
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(auditor);
            jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), 'api-key:', "
                    + "'api-kez:'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1", wallet);
            try {
                browser.open("/console/audit/verifications");
                browser.click(By.id("start-verification"));
                awaitFinished(browser);
            } finally {
                jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE aggregate_identifier = ? AND sequence_number = 1", metaData, wallet);
            }
            browser.waitForText(By.id("verification-status"), "failures_found");
            assertThat(browser.text(By.id("verification-result"))).startsWith("Failures found:");
            browser.review("auditor-verification-failures");
            browser.click(By.linkText(wallet));
            browser.waitFor(By.id("event-1"));
            assertThat(browser.currentPath()).startsWith("/console/audit/history?aggregate_id=").contains("after=0").endsWith("#event-1");
            assertThat(browser.all(By.id("event-0"))).as("the page starts at the failing event").isEmpty();
        }
    }

    /** The progress fragment asks every 2 seconds; a loaded machine may take longer than one wait of the browser. */
    private static void awaitFinished(ConsoleBrowser browser) {
        browser.waitFor(By.cssSelector("section#verification"));
        for (int wait = 0; wait < 8 && !browser.all(By.cssSelector("section#verification[data-status=running]")).isEmpty(); wait++) {
            try {
                browser.waitFor(By.id("verification-result"));
            } catch (AssertionError stillRunning) {
                // wait on
            }
        }
    }

    /** One verification runs at a time per node: another test's may still be running (the API answers 409 then). */
    private void noVerificationRunning() {
        LedgerClient.eventually(() -> new Reply(jdbc.queryForObject("SELECT count(*) FROM audit_verification WHERE status = 'running' "
                + "AND heartbeat_at > now() - interval '1 minute'", Integer.class), null, null, false, null, null),
                reply -> reply.status() == 0, Duration.ofSeconds(120));
    }
}
