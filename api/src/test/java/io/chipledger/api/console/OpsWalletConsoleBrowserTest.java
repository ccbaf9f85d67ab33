package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Ops in the console (issue 21): adjusts a balance and freezes a wallet, each with a reason; changes a
 * partner's settlement policy and IP allow-list, suspends and reactivates it; reads projection health,
 * the events a projection parked after a real fault (a trigger refusing one wallet's history rows) and
 * a parked job item, and retries them. The API then shows each change, made by the ops key. A
 * support key, which may read a wallet but not change it, is offered no change and is refused (403)
 * when it posts the forms directly, with its session's CSRF token.
 */
class OpsWalletConsoleBrowserTest extends LedgerApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final List<String> cleanUp = new ArrayList<>();

    @AfterEach
    void removeFaultsAndParkedWork() {
        cleanUp.forEach(jdbc::execute);
    }

    @Test
    void opsAdjustsAndFreezesAWalletChangesAPartnerAndRetriesParkedWork() throws Exception {
        String[] partner = client.newPartner("wallet:read", "wallet:write");
        String partnerId = partner[0];
        assertThat(client.deposit(partner[1], "alice", "100.00", "USD").status()).isEqualTo(200);
        String[] ops = client.newAdminKey("Olga Ops", "ops");
        // A real fault: the wallet history refuses pia's rows, so her deposit is parked in wallet-transactions.
        String trigger = "refuse_" + partnerId.replaceAll("[^a-z0-9]", "") + "_pia";
        cleanUp.add("DROP TRIGGER IF EXISTS " + trigger + " ON wallet_transaction");
        cleanUp.add("DROP FUNCTION IF EXISTS " + trigger + "()");
        cleanUp.add("DELETE FROM dead_letter_entry WHERE sequence_identifier LIKE '" + partnerId + ":%'");
        cleanUp.add("DELETE FROM parked_job_item WHERE item_key LIKE '" + partnerId + ":%'");
        jdbc.execute("CREATE OR REPLACE FUNCTION " + trigger + "() RETURNS trigger AS $$ BEGIN IF NEW.partner_id = '" + partnerId
                + "' AND NEW.player_id = 'pia' THEN RAISE EXCEPTION 'row of pia refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON wallet_transaction FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        assertThat(client.deposit(partner[1], "pia", "7.00", "USD").status()).isEqualTo(200);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/projections/wallet-transactions/dead-letters?limit=200", null),
                reply -> reply.raw().contains(partnerId + ":pia"));
        String itemKey = partnerId + ":pia:wd-console";
        jdbc.update("INSERT INTO parked_job_item (job, item_key, item, cause, attempts, first_failed_at, last_failed_at) "
                + "VALUES ('withdrawal-expiry', ?, '{\"withdrawal\": \"wd-console\"}'::jsonb, 'IllegalStateException: made by the test', 2, now(), now())",
                itemKey);

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(ops[1]);
            browser.open("/console/wallets?partner_id=" + partnerId + "&player_id=alice");
            browser.waitForText(By.id("wallet"), "100.00");
            browser.review("ops-wallet");

            browser.type("amount", "5.00");
            browser.type("currency", "USD");
            browser.type("adjust-reason", "goodwill credit");
            browser.click(By.xpath("//button[text()='Adjust balance']"));
            browser.waitForText(By.id("wallet"), "Adjusted USD by 5.00");
            browser.type("freeze-reason", "aml review");
            browser.click(By.xpath("//button[text()='Freeze wallet']"));
            browser.confirm();
            browser.waitForText(By.id("wallet"), "Wallet frozen.");
            browser.waitFor(By.id("unfreeze-reason"));
            browser.review("ops-wallet-frozen");

            browser.open("/console/partners/" + partnerId);
            browser.waitFor(By.id("policy"));
            browser.click(By.cssSelector("#settlement_policy option[value=multi_win]"));
            browser.click(By.xpath("//button[text()='Change policy']"));
            browser.waitForText(By.id("policy"), "Settlement policy is multi_win.");
            browser.type("cidrs", "203.0.113.0/24, 2001:db8::/32");
            browser.type("ip-reason", "game servers' egress");
            browser.click(By.xpath("//button[text()='Save allow-list']"));
            browser.waitForText(By.id("ip"), "IP allow-list saved");
            browser.review("ops-partner-settings");
            browser.type("suspend-reason", "contract paused");
            browser.click(By.xpath("//button[text()='Suspend partner']"));
            browser.confirm();
            browser.waitForText(By.id("status"), "Partner suspended");
            browser.type("reactivate-reason", "contract resumed");
            browser.click(By.xpath("//button[text()='Reactivate partner']"));
            browser.waitForText(By.id("status"), "Partner reactivated.");

            browser.open("/console/projections");
            browser.waitFor(By.id("projection-wallet-transactions"));
            assertThat(browser.text(By.cssSelector("#projection-wallet-transactions td:last-child"))).isNotEqualTo("0");
            browser.review("ops-projections");
            browser.click(By.cssSelector("#projection-wallet-transactions a"));
            browser.waitForText(By.cssSelector("main h1"), "Parked events of wallet-transactions");
            browser.waitForText(By.cssSelector("main table tbody"), partnerId + ":pia");
            browser.waitForText(By.cssSelector("main table tbody"), "row of pia refused by the test");
            browser.review("ops-dead-letters");
            jdbc.execute("DROP TRIGGER " + trigger + " ON wallet_transaction");
            browser.click(By.xpath("//button[text()='Retry parked events']"));
            browser.waitForText(By.id("outcome"), "went through");

            browser.open("/console/parked-jobs");
            browser.waitForText(By.cssSelector("main table tbody"), itemKey);
            browser.review("ops-parked-jobs");
            browser.click(By.cssSelector("#job option[value=withdrawal-expiry]"));
            browser.type("item_key", itemKey);
            browser.click(By.xpath("//form[@id='retry-form']//button[text()='Retry']"));
            browser.waitForText(By.id("outcome"), "1 item(s) of withdrawal-expiry (item " + itemKey + ") unparked");
        }

        JsonNode wallet = client.admin("GET", "/admin/v1/partners/" + partnerId + "/wallets/alice", null).body();
        assertThat(wallet.path("status").asText()).isEqualTo("FROZEN");
        assertThat(wallet.path("balances").path("USD").path("available").asText()).isEqualTo("105.00");
        assertThat(actorOf(partnerId + ":alice", "BalanceAdjustedEvent")).contains("admin-key:" + ops[0]).contains("goodwill credit");
        assertThat(actorOf(partnerId + ":alice", "WalletFrozenEvent")).contains("admin-key:" + ops[0]);
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%WalletFrozenEvent'", String.class, partnerId + ":alice")).contains("aml review");

        JsonNode partnerNow = client.admin("GET", "/admin/v1/partners/" + partnerId, null).body();
        assertThat(partnerNow.path("settlement_policy").asText()).isEqualTo("multi_win");
        JsonNode allowList = client.admin("GET", "/admin/v1/partners/" + partnerId + "/ip-allow-list", null).body();
        assertThat(allowList.path("cidrs").toString()).isEqualTo("[\"203.0.113.0/24\",\"2001:db8::/32\"]");
        assertThat(actorOf(partnerId, "SettlementPolicyChangedEvent")).contains("admin-key:" + ops[0]);
        assertThat(actorOf(partnerId, "IpAllowListChangedEvent")).contains("admin-key:" + ops[0]).contains("game servers' egress");
        assertThat(actorOf(partnerId, "PartnerSuspendedEvent")).contains("admin-key:" + ops[0]).contains("contract paused");
        assertThat(actorOf(partnerId, "PartnerReactivatedEvent")).contains("admin-key:" + ops[0]).contains("contract resumed");
        assertThat(partnerNow.path("status").asText()).isEqualTo("active");
        // The retry wrote pia's parked deposit: the queue no longer holds her wallet, and her history has it.
        assertThat(client.admin("GET", "/admin/v1/projections/wallet-transactions/dead-letters?limit=200", null).raw())
                .doesNotContain(partnerId + ":pia");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM wallet_transaction WHERE partner_id = ? AND player_id = 'pia'", Long.class,
                partnerId)).isEqualTo(1);
    }

    @Test
    void supportIsOfferedNoWalletChangeAndIsRefusedWhenItPostsTheForms() throws Exception {
        String[] partner = client.newPartner("wallet:read", "wallet:write");
        String partnerId = partner[0];
        assertThat(client.deposit(partner[1], "bob", "20.00", "USD").status()).isEqualTo(200);
        String[] support = client.newAdminKey("Sam Support", "support");
        long events = eventCount(partnerId, "bob");

        Console console = new Console(port);
        console.signIn(support[1]);
        HttpResponse<String> page = console.get("/console/wallets?partner_id=" + partnerId + "&player_id=bob");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("20.00").doesNotContain("Freeze wallet").doesNotContain("Adjust balance");
        String csrf = csrfOf(page.body());

        HttpResponse<String> freeze = console.post("/console/wallets/" + partnerId + "/bob/freeze",
                Map.of("reason", "forged", "idempotency_key", "console-forged-1", "_csrf", csrf));
        assertThat(freeze.statusCode()).isEqualTo(403);
        assertThat(freeze.body()).as("refused for the role, with a genuine token").contains("lacks a role");
        HttpResponse<String> adjust = console.post("/console/wallets/" + partnerId + "/bob/adjustments",
                Map.of("amount", "1000.00", "currency", "USD", "reason", "forged", "idempotency_key", "console-forged-2", "_csrf", csrf));
        assertThat(adjust.statusCode()).isEqualTo(403);
        assertThat(adjust.body()).contains("lacks a role");
        HttpResponse<String> policy = console.post("/console/partners/" + partnerId + "/settlement-policy",
                Map.of("settlement_policy", "multi_win", "_csrf", csrf));
        assertThat(policy.statusCode()).isEqualTo(403);
        assertThat(console.post("/console/partners/" + partnerId + "/suspend", Map.of("reason", "forged", "_csrf", csrf)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> allowList = console.post("/console/partners/" + partnerId + "/ip-allow-list",
                Map.of("cidrs", "198.51.100.0/24", "reason", "forged", "_csrf", csrf));
        assertThat(allowList.statusCode()).isEqualTo(403);
        assertThat(console.post("/console/projections/wallet-balances/dead-letters/retry", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(console.post("/console/parked-jobs/retry", Map.of("job", "withdrawal-expiry", "_csrf", csrf)).statusCode()).isEqualTo(403);
        // Without the token the post is refused before any rule is read.
        assertThat(console.post("/console/wallets/" + partnerId + "/bob/freeze", Map.of("reason", "no token",
                "idempotency_key", "console-forged-3")).statusCode()).isEqualTo(403);

        // What support may read it may export: the lists' CSV.
        HttpResponse<String> projectionsCsv = console.get("/console/projections.csv");
        assertThat(projectionsCsv.statusCode()).isEqualTo(200);
        assertThat(projectionsCsv.body()).startsWith("name,position,head,lag_events,replaying,parked_events").contains("wallet-balances,");
        assertThat(console.get("/console/projections/wallet-balances/dead-letters.csv").body()).startsWith("sequence,index,event_id");
        assertThat(console.get("/console/parked-jobs.csv").body()).startsWith("job,item_key,item,cause");

        assertThat(eventCount(partnerId, "bob")).isEqualTo(events);
        JsonNode wallet = client.admin("GET", "/admin/v1/partners/" + partnerId + "/wallets/bob", null).body();
        assertThat(wallet.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(wallet.path("balances").path("USD").path("available").asText()).isEqualTo("20.00");
        JsonNode partnerNow = client.admin("GET", "/admin/v1/partners/" + partnerId, null).body();
        assertThat(partnerNow.path("settlement_policy").asText()).isEqualTo("single_win");
        assertThat(partnerNow.path("status").asText()).isEqualTo("active");
        assertThat(client.admin("GET", "/admin/v1/partners/" + partnerId + "/ip-allow-list", null).body().path("cidrs").size()).isZero();
    }

    private String actorOf(String aggregateId, String eventType) {
        return jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') || convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY global_index DESC LIMIT 1", String.class,
                aggregateId, "%." + eventType);
    }

    private static String csrfOf(String html) {
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a _csrf field in the page").isTrue();
        return token.group(1);
    }

    /** A console session over plain HTTP: the session cookie kept, forms posted as a browser posts them. */
    private static final class Console {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final String base;

        Console(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        void signIn(String adminKey) throws Exception {
            String csrf = csrfOf(get("/console/sign-in").body());
            HttpResponse<String> signedIn = post("/console/sign-in", Map.of("admin_key", adminKey, "_csrf", csrf));
            assertThat(signedIn.statusCode()).as("sign-in redirects home").isEqualTo(302);
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = new LinkedHashMap<>(form).entrySet().stream()
                    .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
