package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Support in the console (issue 21): finds a player id under two partners, opens one, and reads
 * its balances and its history with the round; a support key cannot take an ops action by posting
 * the form itself, CSRF token and all.
 */
class SupportConsoleBrowserTest extends LedgerApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Test
    void supportFindsAPlayerAcrossPartnersAndReadsTheHistoryWithItsRound() throws Exception {
        String player = "sam-" + UUID.randomUUID().toString().substring(0, 8);
        String[] casino = client.newPartner();
        String[] other = client.newPartner();
        assertThat(client.deposit(casino[1], player, "10.00", "USD").status()).isEqualTo(200);
        assertThat(client.deposit(other[1], player, "4.00", "EUR").status()).isEqualTo(200);
        assertThat(client.bet(casino[1], player, "1.50", "USD", "bet-1").status()).isEqualTo(200);
        assertThat(client.post(casino[1], "/api/v1/wallets/" + player + "/wins", "{\"amount\":\"2.50\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"round-bet-1\",\"transaction_id_partner\":\"win-1\","
                + "\"bet_transaction_id_partner\":\"bet-1\"}").status()).isEqualTo(200);
        assertThat(client.grantTokens(casino[0], player, "DICE_TOKEN", "2", "grant-1").status()).isEqualTo(200);
        assertThat(client.post(casino[1], "/api/v1/wallets/" + player + "/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
                + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"5\"}],"
                + "\"outcome\":{\"result\":\"WIN\"},\"transaction_id_partner\":\"play-1\"}").status()).isEqualTo(200);
        assertThat(client.post(casino[1], "/api/v1/wallets/" + player + "/purchases", "{\"sku\":\"gem-pack\",\"quantity\":3,"
                + "\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"3\"},\"transaction_id_partner\":\"buy-1\"}").status()).isEqualTo(200);
        String history = "/admin/v1/partners/" + casino[0] + "/wallets/" + player + "/transactions";
        LedgerClient.eventually(() -> client.admin("GET", history, null), reply -> reply.body().path("transactions").size() >= 7);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + casino[0] + "/wallets/" + player + "/purchases", null),
                reply -> reply.body().path("purchases").size() == 1);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + casino[0] + "/plays?player_id=" + player, null),
                reply -> reply.body().path("plays").size() == 1);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/players/" + player + "/wallets", null),
                reply -> reply.body().path("wallets").size() == 2);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + casino[0] + "/players/" + player + "/activity", null),
                reply -> reply.status() == 200);
        String[] support = client.newAdminKey("Sue Support", "support");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(support[1]);
            browser.review("home-support");
            browser.click(By.linkText("Players"));
            browser.waitFor(By.id("player"));
            browser.review("support-players-search");
            browser.type("player", player);
            browser.click(By.cssSelector("form[role=search] button[type=submit]"));
            browser.waitForText(By.cssSelector("main [role=status]"), "2 wallets found");
            String list = browser.text(By.cssSelector("main table tbody"));
            assertThat(list).contains(casino[0], other[0], "USD", "11.00", "EUR", "4.00");
            browser.review("support-players");

            browser.click(By.linkText(casino[0]));
            browser.waitForText(By.cssSelector("main h1"), "Player " + player);
            browser.waitForText(By.id("history-body"), "WinPaid");
            String lines = browser.text(By.id("history-body"));
            assertThat(lines).contains("BetPlaced", "1.50", "WinPaid", "2.50", "round-bet-1", "bet-1", "win-1", "FundsDeposited");
            assertThat(browser.text(By.cssSelector("main section table"))).contains("USD", "11.00", "CC_COIN", "2");
            browser.waitForText(By.id("plays-body"), "DICE");
            assertThat(browser.text(By.id("plays-body"))).contains("1 DICE_TOKEN", "5 CC_COIN", "play-1");
            browser.waitForText(By.id("purchases-body"), "gem-pack");
            assertThat(browser.text(By.id("purchases-body"))).contains("CC_COIN", "buy-1");
            browser.waitForText(By.id("activity-body"), "Last charge");
            browser.waitFor(By.cssSelector("#segment-body dl, #segment-body .problem"));
            browser.review("support-player");
        }
    }

    @Test
    void aSupportSessionExportsTheCsvsButCannotPostAnOpsActionWithAValidCsrfToken() throws Exception {
        String[] partner = client.newPartner();
        String player = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.deposit(partner[1], player, "3.00", "USD").status()).isEqualTo(200);
        assertThat(client.bet(partner[1], player, "0.75", "USD", "bet-9").status()).isEqualTo(200);
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/wallets/" + player + "/transactions", null),
                reply -> reply.body().path("transactions").size() == 2);
        String keyId = partner[2];
        String[] support = client.newAdminKey("Sam Support", "support");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;

        String signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> signedIn = http.send(form(base + "/console/sign-in", "admin_key=" + encoded(support[1]) + "&_csrf="
                + csrf(signIn)), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        String home = http.send(HttpRequest.newBuilder(URI.create(base + "/console")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(home).contains("Sam Support");

        HttpResponse<String> wallets = http.send(HttpRequest.newBuilder(URI.create(base + "/console/players.csv?player=" + player)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wallets.statusCode()).isEqualTo(200);
        assertThat(wallets.body()).startsWith("partner_id,player_id,status,currency,available,reserved")
                .contains(partner[0] + "," + player + ",ACTIVE,USD,2.25,0.00");
        HttpResponse<String> lines = http.send(HttpRequest.newBuilder(URI.create(base + "/console/players/" + partner[0] + "/" + player
                + "/transactions.csv")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lines.statusCode()).isEqualTo(200);
        assertThat(lines.body().lines().count()).isEqualTo(3);
        assertThat(lines.body()).contains("BetPlaced,USD,-0.75,2.25", "slots,round-bet-9", "FundsDeposited,USD,3.00,3.00");

        HttpResponse<String> revoke = http.send(form(base + "/console/partners/" + partner[0] + "/api-keys/" + keyId + "/revoke",
                "_csrf=" + csrf(home)), HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(revoke.body()).as("refused by the endpoint's roles, not by CSRF").contains("Not for your roles");
        Reply keys = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/api-keys", null);
        assertThat(keys.body().get(0).path("key_id").asText()).isEqualTo(keyId);
        assertThat(keys.body().get(0).path("revoked_at").isNull() || keys.body().get(0).path("revoked_at").isMissingNode()).isTrue();
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token on the page:\n" + page).isTrue();
        return encoded(token.group(1));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
