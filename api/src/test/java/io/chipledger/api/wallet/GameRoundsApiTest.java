package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.wallet.WalletState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Game rounds as providers send them (issue 11), over HTTP with the exact balances after each
 * call; every refusal is checked to store nothing. The round timeout and the durable fates of
 * long-lived wallets have tests of their own (RoundTimeoutTest, ForgottenFatesTest).
 */
class GameRoundsApiTest extends LedgerApiTest {

    private Reply bet(String key, String player, String amount, String round, String id) {
        return client.post(key, "/api/v1/wallets/" + player + "/bets", "{\"amount\":\"" + amount + "\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"" + round + "\",\"transaction_id_partner\":\"" + id + "\"}");
    }

    private Reply win(String key, String player, String amount, String round, String id, String betId, boolean roundClosed) {
        return client.post(key, "/api/v1/wallets/" + player + "/wins", "{\"amount\":\"" + amount + "\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"" + round + "\",\"transaction_id_partner\":\"" + id + "\""
                + (betId == null ? "" : ",\"bet_transaction_id_partner\":\"" + betId + "\"")
                + (roundClosed ? ",\"round_closed\":true" : "") + "}");
    }

    private Reply rollback(String key, String player, String id, String rolledBack) {
        return client.post(key, "/api/v1/wallets/" + player + "/rollbacks",
                "{\"transaction_id_partner\":\"" + id + "\",\"rolled_back_transaction_id_partner\":\"" + rolledBack + "\"}");
    }

    private static String usd(Reply reply) {
        return reply.body().path("balances").path("USD").path("available").asText();
    }

    /** A refusal of {@code type} that stored nothing: the wallet's events are as many as before. */
    private void assertRefused(Reply reply, int status, String type, String[] partner, String player, long eventsBefore) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.text("type")).endsWith("/" + type);
        assertThat(eventCount(partner[0], player)).isEqualTo(eventsBefore);
    }

    @Test
    void zeroIsAStakeOrAWinButNeverADepositWithdrawalOrAdjustment() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "zoe", "10.00", "USD");
        Reply freeBet = bet(partner[1], "zoe", "0.00", "free-1", "free-bet");
        assertThat(freeBet.status()).isEqualTo(200);
        assertThat(usd(freeBet)).isEqualTo("10.00");
        Reply lostRound = win(partner[1], "zoe", "0", "free-1", "free-win", "free-bet", false);
        assertThat(lostRound.status()).isEqualTo(200);
        assertThat(usd(lostRound)).isEqualTo("10.00");

        long events = eventCount(partner[0], "zoe");
        assertRefused(client.deposit(partner[1], "zoe", "0.00", "USD"), 400, "invalid-amount", partner, "zoe", events);
        assertRefused(client.post(partner[1], "/api/v1/wallets/zoe/withdrawals",
                "{\"amount\":\"0\",\"currency\":\"USD\",\"transaction_id_partner\":\"wd-0\"}"), 400, "invalid-amount", partner, "zoe", events);
        assertRefused(client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/zoe/adjustments",
                "{\"amount\":\"0\",\"currency\":\"USD\",\"reason\":\"nothing\",\"transaction_id_partner\":\"adj-0\"}"),
                400, "invalid-amount", partner, "zoe", events);
        assertRefused(bet(partner[1], "zoe", "-0.01", "free-2", "neg-bet"), 400, "invalid-amount", partner, "zoe", events);

        Reply history = client.get(partner[1], "/api/v1/wallets/zoe/transactions?consistent_with="
                + lostRound.body().path("position").asLong());
        assertThat(history.body().path("transactions").findValuesAsText("type")).containsExactly("WinPaid", "BetPlaced", "FundsDeposited");
        assertThat(history.body().path("transactions").get(0).path("amount").asText()).isEqualTo("0.00");
        assertThat(history.body().path("transactions").get(0).path("balance_after").asText()).isEqualTo("10.00");
    }

    @Test
    void aSettledBetIsPaidOnceAndAWinNeedsALiveBetOfItsRound() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "sam", "10.00", "USD");
        bet(partner[1], "sam", "1.00", "r1", "b1");
        assertThat(usd(win(partner[1], "sam", "2.00", "r1", "w1", "b1", false))).isEqualTo("11.00");
        long events = eventCount(partner[0], "sam");
        assertRefused(win(partner[1], "sam", "2.00", "r1", "w2", "b1", false), 409, "bet-already-settled", partner, "sam", events);
        assertRefused(win(partner[1], "sam", "5.00", "r1", "w3", "ghost", false), 404, "unknown-bet", partner, "sam", events);
        assertRefused(win(partner[1], "sam", "5.00", "r9", "w4", null, false), 404, "unknown-round", partner, "sam", events);
        assertRefused(win(partner[1], "sam", "5.00", "r1", "w5", null, false), 409, "round-closed", partner, "sam", events);

        bet(partner[1], "sam", "1.00", "r2", "b2");
        assertThat(usd(rollback(partner[1], "sam", "rb2", "b2"))).isEqualTo("11.00");
        events = eventCount(partner[0], "sam");
        assertRefused(win(partner[1], "sam", "4.00", "r2", "w6", null, false), 409, "round-closed", partner, "sam", events);
        assertRefused(bet(partner[1], "sam", "1.00", "r1", "late"), 409, "round-closed", partner, "sam", events);
        bet(partner[1], "sam", "1.00", "r3", "b3");
        events = eventCount(partner[0], "sam");
        Reply otherAsset = client.post(partner[1], "/api/v1/wallets/sam/wins", "{\"amount\":\"5\",\"currency\":\"EUR\","
                + "\"game_id\":\"slots\",\"round_id\":\"r3\",\"transaction_id_partner\":\"w7\"}");
        assertRefused(otherAsset, 422, "round-asset-mismatch", partner, "sam", events);
        assertRefused(win(partner[1], "sam", "5.00", "r3", "w8", "b1", false), 409, "bet-already-settled", partner, "sam", events);
    }

    @Test
    void aRoundLevelWinSettlingManyLongIdedBetsReachesTheHistory() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ted", "10.00", "USD");
        String longId = "x".repeat(120);
        bet(partner[1], "ted", "1.00", "roulette-1", longId + "-a");
        bet(partner[1], "ted", "1.00", "roulette-1", longId + "-b");
        Reply won = win(partner[1], "ted", "5.00", "roulette-1", "rt-win", null, false);
        assertThat(usd(won)).isEqualTo("13.00");
        Reply history = client.get(partner[1], "/api/v1/wallets/ted/transactions?consistent_with=" + won.body().path("position").asLong());
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.body().path("transactions").get(0).path("type").asText()).isEqualTo("WinPaid");
        assertThat(history.body().path("transactions").get(0).path("round_id").asText()).isEqualTo("roulette-1");
    }

    @Test
    void multiWinPaysSeveralWinsUntilARoundClosedWin() {
        String[] partner = client.newPartner();
        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partner[0], "{\"settlement_policy\":\"multi_win\"}").status())
                .isEqualTo(200);
        client.deposit(partner[1], "mia", "10.00", "USD");
        bet(partner[1], "mia", "1.00", "bonus", "b1");
        assertThat(usd(win(partner[1], "mia", "0.50", "bonus", "w1", "b1", false))).isEqualTo("9.50");
        assertThat(usd(win(partner[1], "mia", "0.70", "bonus", "w2", "b1", false))).isEqualTo("10.20");
        assertThat(usd(win(partner[1], "mia", "0.30", "bonus", "w3", null, true))).isEqualTo("10.50");
        long events = eventCount(partner[0], "mia");
        assertRefused(win(partner[1], "mia", "1.00", "bonus", "w4", null, false), 409, "round-closed", partner, "mia", events);
        assertRefused(rollback(partner[1], "mia", "rb1", "b1"), 409, "bet-already-settled", partner, "mia", events);

        bet(partner[1], "mia", "1.00", "solo", "b2");
        rollback(partner[1], "mia", "rb2", "b2");
        events = eventCount(partner[0], "mia");
        assertRefused(win(partner[1], "mia", "4.00", "solo", "w5", null, false), 409, "round-has-no-live-bet", partner, "mia", events);
    }

    @Test
    void aRollbackNamesABet() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "rob", "10.00", "USD");
        client.deposit(partner[1], "other", "10.00", "USD");
        bet(partner[1], "other", "1.00", "r1", "others-bet");
        bet(partner[1], "rob", "2.00", "r1", "b1");
        Reply first = rollback(partner[1], "rob", "rb1", "b1");
        assertThat(usd(first)).isEqualTo("10.00");
        Reply again = rollback(partner[1], "rob", "rb2", "b1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("transaction_id")).isEqualTo(first.text("transaction_id"));
        assertThat(usd(again)).isEqualTo("10.00");

        long events = eventCount(partner[0], "rob");
        Reply deposit = client.post(partner[1], "/api/v1/wallets/rob/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"dep-x\"}");
        events = eventCount(partner[0], "rob");
        Reply ofDeposit = rollback(partner[1], "rob", "rb3", "dep-x");
        assertRefused(ofDeposit, 409, "rollback-target-not-a-bet", partner, "rob", events);
        assertThat(ofDeposit.text("detail")).contains("is a deposit");
        Reply ofAnotherWallet = rollback(partner[1], "rob", "rb4", "others-bet");
        assertRefused(ofAnotherWallet, 409, "rollback-target-not-a-bet", partner, "rob", events);
        assertThat(ofAnotherWallet.text("detail")).contains("a bet of another player's wallet");
        assertThat(usd(deposit)).isEqualTo("11.00");

        Reply unknown = rollback(partner[1], "rob", "rb5", "not-yet");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(usd(unknown)).isEqualTo("11.00");
        events = eventCount(partner[0], "rob");
        assertRefused(bet(partner[1], "rob", "1.00", "r2", "not-yet"), 409, "bet-already-rolled-back", partner, "rob", events);
    }

    @Test
    void aDecidedWithdrawalIsAConflictThatNamesTheDecision() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "wes", "50.00", "USD");
        client.post(partner[1], "/api/v1/wallets/wes/withdrawals",
                "{\"amount\":\"20.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"wd-1\",\"mode\":\"two_phase\"}");
        Reply approved = client.post(partner[1], "/api/v1/wallets/wes/withdrawals/wd-1/approve", "{\"transaction_id_partner\":\"ok-1\"}");
        assertThat(usd(approved)).isEqualTo("30.00");
        long events = eventCount(partner[0], "wes");
        for (String decision : List.of("approve", "reject", "cancel")) {
            Reply again = client.post(partner[1], "/api/v1/wallets/wes/withdrawals/wd-1/" + decision,
                    "{\"transaction_id_partner\":\"again-" + decision + "\"}");
            assertRefused(again, 409, "withdrawal-already-decided", partner, "wes", events);
            assertThat(again.text("decision")).isEqualTo("approved");
            assertThat(again.text("decided_by_transaction_id")).isEqualTo(approved.text("transaction_id"));
        }
        assertRefused(client.post(partner[1], "/api/v1/wallets/wes/withdrawals/ghost/approve", "{\"transaction_id_partner\":\"ok-g\"}"),
                404, "unknown-withdrawal", partner, "wes", events);
    }

    @Test
    void aThousandAndOneLostRoundsClosedByZeroWinsLeaveTheWalletOpen() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "lou", "20.00", "USD");
        int rounds = WalletState.OPEN_BETS_MAX + 1;
        for (int i = 0; i < rounds; i++) {
            assertThat(bet(partner[1], "lou", "0.01", "lost-" + i, "b" + i).status()).isEqualTo(200);
            assertThat(win(partner[1], "lou", "0.00", "lost-" + i, "w" + i, "b" + i, false).status()).isEqualTo(200);
        }
        Reply next = bet(partner[1], "lou", "1.00", "next", "b-next");
        assertThat(next.status()).isEqualTo(200);
        assertThat(usd(next)).isEqualTo("8.99");
    }
}
