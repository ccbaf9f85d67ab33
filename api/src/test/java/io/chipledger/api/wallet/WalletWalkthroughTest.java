package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's walk-through, step by step over HTTP, with the figures checked at every step. */
class WalletWalkthroughTest extends LedgerApiTest {

    @Test
    void depositBetWinRollbackAndReadBack() {
        String[] partner = client.newPartner();
        String key = partner[1];

        Reply deposit = client.post(key, "/api/v1/wallets/alice/deposits",
                "{\"amount\":\"100.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"dep-1\"}");
        assertThat(deposit.status()).isEqualTo(200);
        assertThat(deposit.text("balance")).isEqualTo("100.00");
        assertThat(deposit.text("player_id")).isEqualTo("alice");
        assertThat(deposit.body().path("position").asLong()).isPositive();

        Reply bet = client.post(key, "/api/v1/wallets/alice/bets",
                "{\"amount\":\"10.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"r-1\",\"transaction_id_partner\":\"bet-1\"}");
        assertThat(bet.text("balance")).isEqualTo("89.50");

        Reply win = client.post(key, "/api/v1/wallets/alice/wins", "{\"amount\":\"25\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"r-1\",\"transaction_id_partner\":\"win-1\",\"bet_transaction_id_partner\":\"bet-1\"}");
        assertThat(win.text("balance")).isEqualTo("114.50");

        client.post(key, "/api/v1/wallets/alice/bets",
                "{\"amount\":\"4.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"r-2\",\"transaction_id_partner\":\"bet-2\"}");
        Reply rollback = client.post(key, "/api/v1/wallets/alice/rollbacks",
                "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"bet-2\"}");
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.text("balance")).isEqualTo("114.50");
        assertThat(rollback.text("currency")).isEqualTo("USD");
        assertThat(rollback.body().path("balances").path("USD").path("available").asText()).isEqualTo("114.50");

        Reply settledRollback = client.post(key, "/api/v1/wallets/alice/rollbacks",
                "{\"transaction_id_partner\":\"rb-2\",\"rolled_back_transaction_id_partner\":\"bet-1\"}");
        assertThat(settledRollback.status()).isEqualTo(409);
        assertThat(settledRollback.text("type")).endsWith("/bet-already-settled");

        long position = rollback.body().path("position").asLong();
        Reply wallet = client.get(key, "/api/v1/wallets/alice?consistent_with=" + position);
        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.body().path("balances").path("USD").path("available").asText()).isEqualTo("114.50");
        assertThat(wallet.body().path("status").asText()).isEqualTo("ACTIVE");

        Reply history = client.get(key, "/api/v1/wallets/alice/transactions?consistent_with=" + position);
        List<String> types = new ArrayList<>();
        List<String> balancesAfter = new ArrayList<>();
        for (JsonNode row : history.body().path("transactions")) {
            types.add(row.path("type").asText());
            balancesAfter.add(row.path("balance_after").asText());
        }
        assertThat(types).containsExactly("BetRolledBack", "BetPlaced", "WinPaid", "BetPlaced", "FundsDeposited");
        assertThat(balancesAfter).containsExactly("114.50", "110.00", "114.50", "89.50", "100.00");
    }

    @Test
    void historyPagesWithACursorAndFiltersByCurrency() {
        String key = client.newPartner()[1];
        for (int i = 0; i < 5; i++) {
            client.deposit(key, "bob", "1.00", "USD");
        }
        Reply last = client.deposit(key, "bob", "1000", "KRW");
        long position = last.body().path("position").asLong();

        Reply first = client.get(key, "/api/v1/wallets/bob/transactions?currency=USD&limit=3&consistent_with=" + position);
        assertThat(first.body().path("transactions")).hasSize(3);
        long cursor = first.body().path("next_cursor").asLong();
        Reply second = client.get(key, "/api/v1/wallets/bob/transactions?currency=USD&limit=3&cursor=" + cursor);
        assertThat(second.body().path("transactions")).hasSize(2);
        assertThat(second.body().has("next_cursor")).isFalse();
        assertThat(second.body().path("transactions").get(1).path("balance_after").asText()).isEqualTo("1.00");
    }

    @Test
    void aTwoPhaseWithdrawalReservesThenPaysOutOrIsReleased() {
        String[] partner = client.newPartner();
        String key = partner[1];
        client.deposit(key, "carol", "50.00", "EUR");

        Reply requested = client.post(key, "/api/v1/wallets/carol/withdrawals",
                "{\"amount\":\"20.00\",\"currency\":\"EUR\",\"transaction_id_partner\":\"wd-1\",\"mode\":\"two_phase\"}");
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.body().path("balances").path("EUR").path("reserved").asText()).isEqualTo("20.00");
        assertThat(requested.text("balance")).isEqualTo("30.00");

        Reply approved = client.post(key, "/api/v1/wallets/carol/withdrawals/wd-1/approve", "{\"transaction_id_partner\":\"wd-1-ok\"}");
        assertThat(approved.body().path("balances").path("EUR").path("reserved").asText()).isEqualTo("0.00");
        assertThat(approved.body().path("balances").path("EUR").path("available").asText()).isEqualTo("30.00");

        client.post(key, "/api/v1/wallets/carol/withdrawals",
                "{\"amount\":\"5.00\",\"currency\":\"EUR\",\"transaction_id_partner\":\"wd-2\",\"mode\":\"two_phase\"}");
        Reply rejected = client.post(key, "/api/v1/wallets/carol/withdrawals/wd-2/reject", "{\"transaction_id_partner\":\"wd-2-no\"}");
        assertThat(rejected.body().path("balances").path("EUR").path("available").asText()).isEqualTo("30.00");
        Reply again = client.post(key, "/api/v1/wallets/carol/withdrawals/wd-2/approve", "{\"transaction_id_partner\":\"wd-2-ok\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/withdrawal-already-decided");
        assertThat(again.text("decision")).isEqualTo("rejected");

        Reply immediate = client.post(key, "/api/v1/wallets/carol/withdrawals",
                "{\"amount\":\"30.00\",\"currency\":\"EUR\",\"transaction_id_partner\":\"wd-3\"}");
        assertThat(immediate.text("balance")).isEqualTo("0.00");
    }

    @Test
    void everyPartnersBooksBalanceToZeroAcrossWalletsAndSystemAccounts() {
        String[] partner = client.newPartner();
        String key = partner[1];
        client.deposit(key, "dan", "70.00", "USD");
        client.deposit(key, "erin", "30.00", "USD");
        client.bet(key, "dan", "20.00", "USD", "d-bet-1");
        client.bet(key, "erin", "1.00", "USD", "e-bet-1");
        Reply last = client.post(key, "/api/v1/wallets/erin/wins",
                "{\"amount\":\"5.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"round-e-bet-1\",\"transaction_id_partner\":\"e-win-1\"}");
        client.get(key, "/api/v1/wallets/erin?consistent_with=" + last.body().path("position").asLong());
        client.get(key, "/api/v1/wallets/dan?consistent_with=" + last.body().path("position").asLong());

        Long walletTotal = jdbc.queryForObject("SELECT sum(available_minor + reserved_minor) FROM wallet_balance WHERE partner_id = ? AND asset = 'USD'",
                Long.class, partner[0]);
        Long systemTotal = jdbc.queryForObject("SELECT sum(balance_minor) FROM system_account_balance WHERE partner_id = ? AND asset = 'USD'",
                Long.class, partner[0]);
        assertThat(walletTotal).isEqualTo(8_400L);
        assertThat(walletTotal + systemTotal).isZero();

        Reply accounts = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null);
        assertThat(accounts.raw()).contains("{\"account\":\"system:cashier\",\"currency\":\"USD\",\"balance\":\"-100.00\"}");
        assertThat(accounts.raw()).contains("{\"account\":\"system:house\",\"currency\":\"USD\",\"balance\":\"16.00\"}");
    }

    @Test
    void aFrozenWalletRefusesBetsButPaysWinsAndAnAdjustmentNeedsAReason() {
        String[] partner = client.newPartner();
        String key = partner[1];
        client.deposit(key, "frank", "10.00", "USD");
        client.bet(key, "frank", "1.00", "USD", "f-bet-0");
        String ops = client.newAdminKey("Olga Ops", "ops")[1];
        Reply frozen = client.send("POST", "/admin/v1/partners/" + partner[0] + "/wallets/frank/freeze", "{\"reason\":\"aml review\"}",
                "X-Admin-Key", ops, "Idempotency-Key", "freeze-1");
        assertThat(frozen.status()).isEqualTo(200);

        Reply bet = client.bet(key, "frank", "1.00", "USD", "f-bet-1");
        assertThat(bet.status()).isEqualTo(423);
        assertThat(bet.text("type")).endsWith("/wallet-frozen");
        Reply win = client.post(key, "/api/v1/wallets/frank/wins",
                "{\"amount\":\"3.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"round-f-bet-0\",\"transaction_id_partner\":\"f-win-1\"}");
        assertThat(win.text("balance")).isEqualTo("12.00");

        Reply noReason = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/frank/adjustments",
                "{\"amount\":\"-1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"adj-0\"}");
        assertThat(noReason.status()).isEqualTo(400);
        Reply tooMuch = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/frank/adjustments",
                "{\"amount\":\"-12.01\",\"currency\":\"USD\",\"reason\":\"chargeback\",\"transaction_id_partner\":\"adj-1\"}");
        assertThat(tooMuch.status()).isEqualTo(422);
        Reply adjusted = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/frank/adjustments",
                "{\"amount\":\"-2.00\",\"currency\":\"USD\",\"reason\":\"chargeback\",\"transaction_id_partner\":\"adj-2\"}");
        assertThat(adjusted.text("balance")).isEqualTo("10.00");
    }
}
