package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.wallet.WalletState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fates are not forgotten (issue 11): a wallet that played more rounds than it remembers closures
 * for still refuses the retry of a bet it rolled back, still refuses a rollback of a bet it
 * settled, and still knows its closed rounds and decided withdrawals, because it asks
 * {@code wallet_fate}, written in each command's transaction, for what it no longer holds.
 */
class ForgottenFatesTest extends LedgerApiTest {

    private static final int ROUNDS = WalletState.CLOSED_BETS_REMEMBERED + 10;

    private Reply bet(String key, String round, String id) {
        return client.post(key, "/api/v1/wallets/fay/bets", "{\"amount\":\"0.01\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"" + round + "\",\"transaction_id_partner\":\"" + id + "\"}");
    }

    private Reply win(String key, String round, String id, String betId) {
        return client.post(key, "/api/v1/wallets/fay/wins", "{\"amount\":\"0.01\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"" + round + "\",\"transaction_id_partner\":\"" + id + "\",\"bet_transaction_id_partner\":\"" + betId + "\"}");
    }

    private Reply rollback(String key, String id, String betId) {
        return client.post(key, "/api/v1/wallets/fay/rollbacks",
                "{\"transaction_id_partner\":\"" + id + "\",\"rolled_back_transaction_id_partner\":\"" + betId + "\"}");
    }

    @Test
    void closuresOlderThanTheWalletRemembersAreAnsweredFromDurableStorage() throws Exception {
        String[] partner = client.newPartner();
        String key = partner[1];
        client.deposit(key, "fay", "100.00", "USD");
        assertThat(rollback(key, "rb-late", "late-bet").status()).isEqualTo(200);
        bet(key, "old-round", "old-bet");
        win(key, "old-round", "old-win", "old-bet");
        client.post(key, "/api/v1/wallets/fay/withdrawals",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"wd-old\",\"mode\":\"two_phase\"}");
        client.post(key, "/api/v1/wallets/fay/withdrawals/wd-old/reject", "{\"transaction_id_partner\":\"no-old\"}");
        Reply firstRollback = rollback(key, "rb-old-settled", "old-bet");
        assertThat(firstRollback.text("type")).endsWith("/bet-already-settled");

        // Eight callers at once, as a provider's load would, so the rounds are committed in groups.
        List<Reply> played = concurrentlyEach(8, ROUNDS, i -> {
            Reply placed = bet(key, "r" + i, "b" + i);
            return placed.status() == 200 ? win(key, "r" + i, "w" + i, "b" + i) : placed;
        });
        assertThat(played).allSatisfy(reply -> assertThat(reply.status()).as(reply.raw()).isEqualTo(200));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM wallet_fate WHERE wallet_id = ? AND subject = 'BET'", Long.class,
                partner[0] + ":fay")).isEqualTo(ROUNDS + 2L);

        long events = eventCount(partner[0], "fay");
        Reply late = bet(key, "late-round", "late-bet");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("type")).endsWith("/bet-already-rolled-back");
        Reply again = rollback(key, "rb-old-settled", "old-bet");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/bet-already-settled");
        Reply oldRound = bet(key, "old-round", "old-round-bet");
        assertThat(oldRound.text("type")).endsWith("/round-closed");
        Reply oldWithdrawal = client.post(key, "/api/v1/wallets/fay/withdrawals/wd-old/approve", "{\"transaction_id_partner\":\"ok-old\"}");
        assertThat(oldWithdrawal.text("type")).endsWith("/withdrawal-already-decided");
        assertThat(oldWithdrawal.text("decision")).isEqualTo("rejected");
        assertThat(eventCount(partner[0], "fay")).isEqualTo(events);
    }

    /** {@code count} calls spread over {@code threads} threads; the replies in no particular order. */
    private static List<Reply> concurrentlyEach(int threads, int count, java.util.function.IntFunction<Reply> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Reply>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<Reply> replies = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
