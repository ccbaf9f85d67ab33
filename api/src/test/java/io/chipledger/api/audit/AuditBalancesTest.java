package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wallet's balances at any instant, from its events alone, equal what the wallet answered then (issue 13). */
class AuditBalancesTest extends LedgerApiTest {

    @Test
    void theBalancesAtEachInstantAreWhatTheWalletAnsweredThen() {
        String[] partner = client.newPartner();
        String auditor = client.newAdminKey("Eve Auditor", "auditor")[1];
        Reply deposit = client.post(partner[1], "/api/v1/wallets/eva/deposits", "{\"amount\":\"100.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-1\"}");
        Reply bet = client.bet(partner[1], "eva", "10.50", "USD", "b-1");
        Reply reserve = client.post(partner[1], "/api/v1/wallets/eva/withdrawals",
                "{\"amount\":\"20.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"w-1\",\"mode\":\"two_phase\"}");
        Reply win = client.post(partner[1], "/api/v1/wallets/eva/wins", "{\"amount\":\"25.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-b-1\",\"transaction_id_partner\":\"win-1\"}");
        Reply tokens = client.grantTokens(partner[0], "eva", "CC_COIN", "7", "g-1");

        for (Reply answered : new Reply[] {deposit, bet, reserve, win, tokens}) {
            Reply atThatTime = balancesAt(auditor, partner[0], answered.text("processed_at"));
            assertThat(atThatTime.status()).as(atThatTime.raw()).isEqualTo(200);
            assertThat(atThatTime.body().path("balances")).as("at " + answered.text("processed_at"))
                    .isEqualTo(answered.body().path("balances"));
        }
        Reply beforeAnything = balancesAt(auditor, partner[0], Instant.parse(deposit.text("processed_at")).minusSeconds(60).toString());
        assertThat(beforeAnything.body().path("balances").isEmpty()).isTrue();
        assertThat(beforeAnything.body().path("events_counted").asLong()).isZero();
    }

    @Test
    void throughTheAnsweredPositionTheBalancesAreExactlyTheAnswersEvenUnderConcurrentCommands() throws Exception {
        String[] partner = client.newPartner();
        String auditor = client.newAdminKey("Ida Auditor", "auditor")[1];
        client.deposit(partner[1], "ida", "100.00", "USD");

        List<Reply> answers = concurrently(12, () -> client.deposit(partner[1], "ida", "1.00", "USD"));

        for (Reply answered : answers) {
            Reply through = client.send("GET", "/audit/v1/wallets/" + partner[0] + "/ida/balances?position=" + answered.text("position"),
                    null, "X-Admin-Key", auditor);
            assertThat(through.body().path("balances")).as("through " + answered.text("position")).isEqualTo(answered.body().path("balances"));
        }
        assertThat(client.send("GET", "/audit/v1/wallets/" + partner[0] + "/ida/balances?position=1&at=2026-01-01T00:00:00Z", null,
                "X-Admin-Key", auditor).status()).as("one point, not two").isEqualTo(400);
    }

    @Test
    void aPartnersSystemAccountsAtAnInstantAreSummedFromItsWalletsEvents() {
        String[] partner = client.newPartner();
        String auditor = client.newAdminKey("Gus Auditor", "auditor")[1];
        Reply deposit = client.deposit(partner[1], "gus", "100.00", "USD");
        client.deposit(partner[1], "hal", "30.00", "EUR");
        Reply bet = client.bet(partner[1], "gus", "10.00", "USD", "b-1");
        String path = "/audit/v1/partners/" + partner[0] + "/system-accounts";

        Reply now = client.send("GET", path, null, "X-Admin-Key", auditor);
        Reply projected = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null),
                reply -> reply.body().equals(now.body().path("accounts")));
        Reply beforeTheBet = client.send("GET", path + "?at=" + deposit.text("processed_at"), null, "X-Admin-Key", auditor);

        assertThat(now.status()).as(now.raw()).isEqualTo(200);
        assertThat(now.body().path("accounts")).as("the read model agrees with the events").isEqualTo(projected.body());
        assertThat(beforeTheBet.body().path("accounts").toString()).contains("\"account\":\"system:cashier\",\"currency\":\"USD\",\"balance\":\"-100.00\"")
                .doesNotContain("system:house");
        assertThat(bet.status()).isEqualTo(200);
    }

    @Test
    void anUnknownWalletOrABadInstantIsAProblem() {
        String[] partner = client.newPartner();
        String auditor = client.newAdminKey("Fay Auditor", "auditor")[1];
        client.deposit(partner[1], "fay", "1.00", "USD");

        assertThat(client.send("GET", "/audit/v1/wallets/" + partner[0] + "/fay/balances?at=yesterday", null, "X-Admin-Key", auditor).status())
                .isEqualTo(400);
        assertThat(client.send("GET", "/audit/v1/wallets/" + partner[0] + "/nobody/balances", null, "X-Admin-Key", auditor).status())
                .isEqualTo(404);
        assertThat(client.send("GET", "/audit/v1/wallets/" + partner[0] + "/fay/balances", null, "X-Admin-Key",
                client.newAdminKey("Ops", "ops")[1]).status()).isEqualTo(403);
    }

    private Reply balancesAt(String auditor, String partnerId, String at) {
        return client.send("GET", "/audit/v1/wallets/" + partnerId + "/eva/balances?at=" + at, null, "X-Admin-Key", auditor);
    }
}
