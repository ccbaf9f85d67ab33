package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Marketing in the console (issue 21): writes a segment rule that does not hold and reads the API's
 * message next to the condition, fixes it, previews it (the count the API's preview answers), stores
 * it; looks at the segment it makes, schedules a campaign and disables a coupon. A role that may only
 * read the rules is refused the forged form post of a rule (403).
 */
class MarketingConsoleBrowserTest extends LedgerApiTest {

    private static final String WRONG_CONDITION = "{\"field\": \"deposit_total\", \"op\": \">=\", \"value\": \"50.00\"}";
    private static final String RIGHT_CONDITION = "{\"field\": \"deposit_total\", \"asset\": \"USD\", \"op\": \">=\", \"value\": \"50.00\"}";

    @LocalServerPort
    int port;

    @Test
    void marketingPreviewsAndStoresARuleSchedulesACampaignAndDisablesACoupon() throws Exception {
        String[] partner = client.newPartner("wallet:read", "wallet:write");
        String partnerId = partner[0];
        client.deposit(partner[1], "alice", "100.00", "USD");
        client.deposit(partner[1], "bob", "60.00", "USD");
        client.deposit(partner[1], "carl", "10.00", "USD");
        String[] marketing = client.newAdminKey("Mia Marketing", "marketing");
        String rulesPath = "/admin/v1/partners/" + partnerId + "/segment-rules";
        Reply wrongAnswer = client.admin("POST", rulesPath + "/preview", rule(WRONG_CONDITION));
        Reply apiPreview = LedgerClient.eventually(() -> client.admin("POST", rulesPath + "/preview", rule(RIGHT_CONDITION)),
                reply -> reply.body().path("matching").asLong() == 2, Duration.ofSeconds(30));
        assertThat(wrongAnswer.status()).isEqualTo(400);
        String campaignId = client.admin("POST", "/admin/v1/partners/" + partnerId + "/campaigns", campaign()).text("campaign_id");
        assertThat(client.admin("POST", "/admin/v1/partners/" + partnerId + "/coupons", "{\"code\":\"WELCOME10\",\"kind\":\"fixed\","
                + "\"asset\":\"USD\",\"amount\":\"10.00\",\"expires_at\":\"" + Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"usage_limit\":100}").status()).isEqualTo(201);

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(marketing[1]);
            browser.review("home-marketing");
            browser.open("/console/segment-rules?partner_id=" + partnerId);
            browser.waitForText(By.id("rules"), "No rules yet");
            browser.review("marketing-segment-rules");

            browser.type("rule-name", "Big depositors");
            browser.type("rule-segment", "BIG");
            browser.type("rule-priority", "10");
            browser.type("rule-condition", WRONG_CONDITION);
            browser.click(By.cssSelector("#rule-form button[type=submit]"));
            browser.waitForText(By.id("condition-refusal"), wrongAnswer.text("detail"));
            assertThat(browser.text(By.id("condition-refusal"))).contains(wrongAnswer.text("field"));
            assertThat(browser.all(By.cssSelector("#rule-condition[aria-invalid=true]"))).hasSize(1);
            browser.review("marketing-segment-rule-refused");

            browser.type("rule-condition", RIGHT_CONDITION);
            browser.click(By.cssSelector("#rule-form button.secondary"));
            browser.waitFor(By.id("preview-matching"));
            assertThat(browser.text(By.id("preview-matching"))).isEqualTo(apiPreview.body().path("matching").asText());
            assertThat(browser.text(By.id("preview-total"))).isEqualTo(apiPreview.body().path("players_total").asText());
            assertThat(browser.text(By.id("preview-players"))).contains("alice", "bob").doesNotContain("carl");
            assertThat(browser.all(By.cssSelector("form[role=search]"))).as("the preview replaced the rule form only").hasSize(1);
            browser.review("marketing-segment-rule-preview");

            browser.click(By.cssSelector("#rule-form button[type=submit]"));
            browser.waitForText(By.cssSelector("#rule-form .done"), "created");
            browser.waitForText(By.cssSelector("#rules table"), "Big depositors");
            browser.click(By.cssSelector("#rules table tbody a"));
            browser.waitForText(By.tagName("h1"), "Big depositors");
            browser.type("rule-priority", "20");
            browser.click(By.cssSelector("#rule-form button[type=submit]"));
            browser.waitForText(By.cssSelector("#rule-form .done"), "Rule saved");
            browser.review("marketing-segment-rule");

            LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partnerId + "/segments", null),
                    reply -> reply.raw().contains("\"BIG\""), Duration.ofSeconds(30));
            browser.open("/console/segments?partner_id=" + partnerId);
            browser.click(By.linkText("BIG"));
            browser.waitForText(By.cssSelector("main table"), "alice");
            browser.review("marketing-segment-members");
            browser.open("/console/segments?partner_id=" + partnerId);
            browser.review("marketing-segments");

            browser.open("/console/campaigns?partner_id=" + partnerId);
            browser.waitForText(By.cssSelector("main table"), campaignId);
            browser.review("marketing-campaigns");
            browser.click(By.linkText(campaignId));
            browser.waitForText(By.id("stats"), "Players delivered");
            browser.click(By.cssSelector("#state button:not(.danger)"));
            browser.confirm();
            browser.waitForText(By.cssSelector("#state .done"), "Campaign scheduled");
            browser.review("marketing-campaign");

            browser.open("/console/coupons?partner_id=" + partnerId);
            browser.waitForText(By.cssSelector("main table"), "WELCOME10");
            browser.review("marketing-coupons");
            browser.click(By.linkText("WELCOME10"));
            browser.type("disable-reason", "code leaked on a forum");
            browser.click(By.cssSelector("#state button.danger"));
            browser.waitForText(By.cssSelector("#state .done"), "disabled");
            browser.review("marketing-coupon");
        }

        JsonNode rules = client.admin("GET", rulesPath, null).body().path("rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).path("name").asText()).isEqualTo("Big depositors");
        assertThat(rules.get(0).path("created_by").asText()).isEqualTo("admin-key:" + marketing[0]);
        assertThat(rules.get(0).path("priority").asInt()).isEqualTo(20);
        assertThat(rules.get(0).path("updated_by").asText()).isEqualTo("admin-key:" + marketing[0]);
        JsonNode campaign = client.admin("GET", "/admin/v1/partners/" + partnerId + "/campaigns/" + campaignId, null).body();
        assertThat(campaign.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(campaign.path("changed_by").asText()).isEqualTo("admin-key:" + marketing[0]);
        JsonNode coupon = client.admin("GET", "/admin/v1/partners/" + partnerId + "/coupons/WELCOME10", null).body().path("coupon");
        assertThat(coupon.path("status").asText()).isEqualTo("disabled");
        assertThat(coupon.path("disabled_by").asText()).isEqualTo("admin-key:" + marketing[0]);
    }

    /** Support may read a partner's rules but not write them: the forged posts of the rule, campaign and coupon forms are 403. */
    @Test
    void aRoleThatMayOnlyReadIsRefusedTheFormsByAForgedPost() throws Exception {
        String partnerId = client.newPartner()[0];
        String[] support = client.newAdminKey("Sam Support", "support");
        ConsoleSession session = ConsoleSession.signedIn(port, support[1]);

        HttpResponse<String> rules = session.get("/console/segment-rules?partner_id=" + partnerId);
        HttpResponse<String> create = session.act("/console/segment-rules/" + partnerId, Map.of("name", "Forged", "segment", "FORGED",
                "priority", "1", "enabled", "true", "condition", RIGHT_CONDITION));
        HttpResponse<String> preview = session.act("/console/segment-rules/" + partnerId + "/preview", Map.of("name", "Forged",
                "segment", "FORGED", "priority", "1", "condition", RIGHT_CONDITION));
        HttpResponse<String> schedule = session.act("/console/campaigns/" + partnerId + "/cmp_0123456789abcdef/schedule", Map.of());
        HttpResponse<String> disable = session.act("/console/coupons/" + partnerId + "/WELCOME10/disable", Map.of("reason", "forged"));
        HttpResponse<String> finance = session.get("/console/ggr");
        Map<String, String> exports = new java.util.LinkedHashMap<>();
        for (String csv : new String[] {"/console/segment-rules.csv", "/console/segments.csv", "/console/campaigns.csv", "/console/coupons.csv"}) {
            HttpResponse<String> export = session.get(csv + "?partner_id=" + partnerId);
            exports.put(csv, export.statusCode() + " " + export.headers().firstValue("Content-Type").orElse("") + " " + export.body());
        }

        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).as("refused by the rule of the API endpoint, past the CSRF check").contains("Not for your roles");
        assertThat(preview.statusCode()).isEqualTo(403);
        assertThat(schedule.statusCode()).isEqualTo(403);
        assertThat(disable.statusCode()).isEqualTo(403);
        assertThat(finance.statusCode()).as("support reads no revenue reports").isEqualTo(403);
        assertThat(exports).as("a reader exports the lists as CSV, the header alone for a partner with nothing yet").containsExactly(
                Map.entry("/console/segment-rules.csv", "200 text/csv;charset=UTF-8 rule_id,name,segment,priority,enabled,condition,updated_at,updated_by\r\n"),
                Map.entry("/console/segments.csv", "200 text/csv;charset=UTF-8 segment,players\r\n"),
                Map.entry("/console/campaigns.csv", "200 text/csv;charset=UTF-8 campaign_id,name,segment,status,starts_at,ends_at,reward,"
                        + "segment_size,delivered,skipped,cancel_reason,created_by,changed_by\r\n"),
                Map.entry("/console/coupons.csv", "200 text/csv;charset=UTF-8 code,reward,status,uses,usage_limit,per_player_limit,segment,"
                        + "expires_at,created_at,created_by,disabled_reason\r\n"));
        assertThat(client.admin("GET", "/admin/v1/partners/" + partnerId + "/segment-rules", null).body().path("rules")).isEmpty();
    }

    private static String rule(String condition) {
        return "{\"name\":\"Big depositors\",\"segment\":\"BIG\",\"priority\":10,\"condition\":" + condition + "}";
    }

    private static String campaign() {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return "{\"name\":\"Big week\",\"segment\":\"BIG\",\"starts_at\":\"" + start + "\",\"ends_at\":\"" + start.plus(7, ChronoUnit.DAYS)
                + "\",\"reward\":{\"kind\":\"token_grant\",\"asset\":\"ROULETTE_COIN\",\"amount\":\"10\"},"
                + "\"message_template\":\"Well done {player_id}: {amount} {asset}\"}";
    }
}
