package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.TrackingGroups;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Finance in the console (issue 21), on real ClickHouse: ops reads the GGR report as a chart drawn
 * by Chart.js and a table whose figures are the API's report, exports it, then issues a settlement
 * statement and views it; the statement names the admin key. An auditor may read the report but
 * is refused the forged post of the issue form (403); marketing may not read revenue at all.
 */
class FinanceConsoleBrowserTest extends LedgerApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    private ProjectionPositions positions;

    @Test
    void opsReadsTheGgrChartAndTableAndIssuesAStatement() throws Exception {
        String[] partner = client.newPartner("wallet:read", "wallet:write");
        String partnerId = partner[0];
        client.deposit(partner[1], "gina", "100.00", "USD");
        client.bet(partner[1], "gina", "10.00", "USD", "f-bet-1");
        client.bet(partner[1], "gina", "4.50", "USD", "f-bet-2");
        client.post(partner[1], "/api/v1/wallets/gina/wins", "{\"amount\":\"2.25\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-f-bet-1\",\"transaction_id_partner\":\"f-win-1\"}");
        String[] ops = client.newAdminKey("Fay Finance", "ops");
        awaitSink(partnerId);
        String query = "?partner_id=" + partnerId + "&from=" + TODAY + "&to=" + TODAY.plusDays(1) + "&group_by=day";
        JsonNode report = client.admin("GET", "/admin/v1/reports/ggr" + query, null).body();
        assertThat(report.path("lines")).hasSize(1);
        LocalDate periodStart = TODAY.withDayOfMonth(1).minusMonths(1);
        LocalDate periodEnd = TODAY.withDayOfMonth(1);
        String statementId = "st_" + partnerId + "_" + periodStart + "_" + periodEnd;

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(ops[1]);
            browser.open("/console/ggr" + query);
            WebElement chart = browser.waitFor(By.cssSelector("#ggr-chart[data-drawn]"));
            assertThat(chart.getAttribute("data-drawn")).as("the chart drew one bar group, the day").isEqualTo("1");
            assertThat(chart.getSize().getHeight()).isGreaterThan(100);
            List<List<String>> table = new ArrayList<>();
            for (WebElement row : browser.all(By.cssSelector("#ggr-table tbody tr"))) {
                table.add(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
            }
            List<List<String>> api = new ArrayList<>();
            for (JsonNode line : report.path("lines")) {
                api.add(List.of(line.path("partner_id").asText(), line.path("day").asText(), line.path("currency").asText(),
                        line.path("bets").asText(), line.path("wins").asText(), line.path("ggr").asText(), line.path("bonuses").asText(),
                        line.path("ngr").asText()));
            }
            assertThat(table).isEqualTo(api);
            assertThat(table.get(0).subList(3, 6)).containsExactly("14.50", "2.25", "12.25");
            browser.review("finance-ggr");

            browser.open("/console/settlements");
            browser.review("finance-settlements");
            browser.type("issue-partner", partnerId);
            browser.type("issue-from", periodStart.toString());
            browser.type("issue-to", periodEnd.toString());
            browser.click(By.cssSelector("#issue button[type=submit]"));
            browser.waitForText(By.id("issued"), statementId);
            browser.click(By.linkText(statementId));
            browser.waitForText(By.id("statement-issued"), "admin-key:" + ops[0]);
            browser.review("finance-settlement");
        }

        JsonNode statement = client.admin("GET", "/admin/v1/settlements/" + statementId, null).body();
        assertThat(statement.path("issued_by").asText()).isEqualTo("admin-key:" + ops[0]);
        assertThat(statement.path("from").asText()).isEqualTo(periodStart.toString());
    }

    @Test
    void anAuditorReadsButMayNotIssueAndMarketingReadsNoRevenue() throws Exception {
        String partnerId = client.newPartner()[0];
        ConsoleSession auditor = ConsoleSession.signedIn(port, client.newAdminKey("Ada Auditor", "auditor")[1]);
        ConsoleSession marketing = ConsoleSession.signedIn(port, client.newAdminKey("Max Marketing", "marketing")[1]);
        String period = "from=" + TODAY.minusDays(3) + "&to=" + TODAY.minusDays(2);

        HttpResponse<String> report = auditor.get("/console/ggr?partner_id=" + partnerId + "&" + period);
        HttpResponse<String> csv = auditor.get("/console/ggr.csv?partner_id=" + partnerId + "&" + period);
        HttpResponse<String> settlements = auditor.get("/console/settlements");
        HttpResponse<String> issue = auditor.act("/console/settlements", Map.of("partner_id", partnerId, "from", TODAY.minusDays(3).toString(),
                "to", TODAY.minusDays(2).toString()));
        HttpResponse<String> marketingReport = marketing.get("/console/ggr");
        HttpResponse<String> marketingIssue = marketing.act("/console/settlements", Map.of("partner_id", partnerId));

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("partner_id,day,game_id,currency,bets,wins,ggr,bonuses,ngr");
        assertThat(settlements.statusCode()).isEqualTo(200);
        assertThat(settlements.body()).as("the issue form is not offered to an auditor").doesNotContain("Issue statement");
        assertThat(issue.statusCode()).isEqualTo(403);
        assertThat(issue.body()).as("refused by the rule of the API endpoint, past the CSRF check").contains("Not for your roles");
        assertThat(marketingReport.statusCode()).isEqualTo(403);
        assertThat(marketingIssue.statusCode()).isEqualTo(403);
        assertThat(client.admin("GET", "/admin/v1/settlements/st_" + partnerId + "_" + TODAY.minusDays(3) + "_" + TODAY.minusDays(2), null)
                .status()).as("nothing was issued").isEqualTo(404);
    }

    /** The sink has written every event of the partner's wallets. */
    private void awaitSink(String partnerId) throws InterruptedException {
        long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ?", Long.class,
                partnerId + ":%");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (positions.position(TrackingGroups.ANALYTICS_SINK) < last && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(positions.position(TrackingGroups.ANALYTICS_SINK)).as("the sink wrote the partner's events").isGreaterThanOrEqualTo(last);
    }
}
