package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Support's reads of a player (issue 21): the admin history, purchases and activity answer what the
 * partner's own reads answer, for the roles of the table; a player id is found under every partner
 * where it has a wallet, a page at a time.
 */
class StaffPlayerReadsTest extends LedgerApiTest {

    @Test
    void staffReadWhatThePartnerReadsAndFindThePlayerUnderEveryPartner() {
        String player = "pat-" + UUID.randomUUID().toString().substring(0, 8);
        String[] first = client.newPartner();
        String[] second = client.newPartner();
        String[] third = client.newPartner();
        for (String[] partner : new String[][] {first, second, third}) {
            assertThat(client.deposit(partner[1], player, "5.00", "USD").status()).isEqualTo(200);
        }
        assertThat(client.bet(first[1], player, "1.25", "USD", "bet-7").status()).isEqualTo(200);
        String staffHistory = "/admin/v1/partners/" + first[0] + "/wallets/" + player + "/transactions";
        Reply history = LedgerClient.eventually(() -> client.admin("GET", staffHistory, null),
                reply -> reply.body().path("transactions").size() == 2);
        Reply partnersOwn = client.get(first[1], "/api/v1/wallets/" + player + "/transactions");
        assertThat(history.body()).isEqualTo(partnersOwn.body());
        assertThat(history.body().path("transactions").get(0).path("round_id").asText()).isEqualTo("round-bet-7");

        String purchases = "/admin/v1/partners/" + first[0] + "/wallets/" + player + "/purchases";
        assertThat(client.admin("GET", purchases, null).body()).isEqualTo(client.get(first[1], "/api/v1/wallets/" + player + "/purchases").body());
        String activity = "/admin/v1/partners/" + first[0] + "/players/" + player + "/activity";
        Reply staffActivity = LedgerClient.eventually(() -> client.admin("GET", activity, null), reply -> reply.status() == 200);
        assertThat(staffActivity.body()).isEqualTo(client.get(first[1], "/api/v1/players/" + player + "/activity").body());

        Reply all = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/players/" + player + "/wallets", null),
                reply -> reply.body().path("wallets").size() == 3);
        assertThat(all.body().path("wallets").findValuesAsText("partner_id")).isSorted()
                .containsExactlyInAnyOrder(first[0], second[0], third[0]);
        Reply page = client.admin("GET", "/admin/v1/players/" + player + "/wallets?limit=2", null);
        assertThat(page.body().path("wallets")).hasSize(2);
        Reply rest = client.admin("GET", "/admin/v1/players/" + player + "/wallets?limit=2&cursor=" + page.text("next_cursor"), null);
        assertThat(rest.body().path("wallets")).hasSize(1);
        assertThat(rest.body().has("next_cursor")).isFalse();
        String last = rest.body().path("wallets").get(0).path("partner_id").asText();
        assertThat(rest.body().path("wallets").get(0).path("balances").path("USD").path("available").asText())
                .isEqualTo(last.equals(first[0]) ? "3.75" : "5.00");
        assertThat(client.admin("GET", "/admin/v1/players/nobody-" + player + "/wallets", null).body().path("wallets")).isEmpty();
        assertThat(client.admin("GET", "/admin/v1/players/" + player + "/wallets?cursor=x", null).status()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/partners/p_0000000000000000/wallets/" + player + "/transactions", null).status())
                .isEqualTo(404);

        String support = client.newAdminKey("Sue", "support")[1];
        String marketing = client.newAdminKey("Mia", "marketing")[1];
        for (String path : new String[] {staffHistory, purchases, activity, "/admin/v1/players/" + player + "/wallets"}) {
            assertThat(client.send("GET", path, null, "X-Admin-Key", support).status()).as(path).isEqualTo(200);
            assertThat(client.send("GET", path, null, "X-Admin-Key", marketing).status()).as(path).isEqualTo(403);
        }
    }
}
