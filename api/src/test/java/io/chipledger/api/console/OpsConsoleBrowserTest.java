package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Ops in the console (issue 21): finds a partner, issues a key, revokes it; the API then refuses the key. */
class OpsConsoleBrowserTest extends LedgerApiTest {

    @LocalServerPort
    int port;

    @Test
    void opsRevokesAPartnersKeyInTheConsole() throws Exception {
        String[] partner = client.newPartner("wallet:read");
        String partnerId = partner[0];
        String apiKey = partner[1];
        String keyId = client.admin("GET", "/admin/v1/partners/" + partnerId + "/api-keys", null).body().get(0).get("key_id").asText();
        String[] ops = client.newAdminKey("Olga Ops", "ops");
        assertThat(client.get(apiKey, "/api/v1/wallets/nobody").status()).isNotEqualTo(401);

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(ops[1]);
            browser.review("home-ops");
            browser.open("/console/partners?q=" + partnerId);
            browser.waitForText(By.cssSelector("main table tbody"), partnerId);
            browser.review("ops-partners");
            browser.click(By.linkText(partnerId));
            browser.waitFor(By.id("key-" + keyId));
            browser.click(By.cssSelector("#key-" + keyId + " button"));
            browser.confirm();
            browser.waitForText(By.id("keys"), "Key " + keyId + " revoked");
            browser.review("ops-partner-keys");
        }

        Reply refused = client.get(apiKey, "/api/v1/wallets/nobody");
        assertThat(refused.status()).isEqualTo(401);
        String actor = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ApiKeyRevokedEvent' ORDER BY global_index DESC LIMIT 1", String.class, partnerId);
        assertThat(actor).contains("admin-key:" + ops[0]);
    }
}
