package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.core.wallet.WalletState;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.round.OpenRoundProjection;
import io.chipledger.projections.round.OpenRoundProjection.IdleRound;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A provider that never closes its rounds cannot lock a wallet (issue 11): the wallet refuses a
 * round past {@link WalletState#OPEN_ROUNDS_MAX}, and the round timeout, run here with a clock
 * past it, closes every idle round once, its open bets lost, so bets go on.
 */
class RoundTimeoutTest extends LedgerApiTest {

    @Autowired
    private OpenRoundProjection rounds;
    @Autowired
    private WalletCommands commands;
    @Autowired
    private ParkedJobItems parked;
    @Autowired
    private LedgerProperties properties;

    private Reply bet(String key, String round, String id) {
        return bet(key, "una", round, id);
    }

    private Reply bet(String key, String player, String round, String id) {
        return client.post(key, "/api/v1/wallets/" + player + "/bets", "{\"amount\":\"0.01\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"" + round + "\",\"transaction_id_partner\":\"" + id + "\"}");
    }

    @Test
    void roundsAProviderNeverClosesAreClosedByTheTimeoutAndBetsGoOn() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "una", "20.00", "USD");
        Reply last = null;
        for (int i = 0; i < WalletState.OPEN_ROUNDS_MAX; i++) {
            last = bet(partner[1], "open-" + i, "b" + i);
            assertThat(last.status()).isEqualTo(200);
        }
        Reply refused = bet(partner[1], "one-more", "b-more");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/open-rounds-limit");

        awaitOpenRounds(partner[0], WalletState.OPEN_ROUNDS_MAX);
        RoundTimeoutSweeper now = new RoundTimeoutSweeper(rounds, commands, parked, Clock.systemUTC(), properties);
        now.closeIdleRounds();
        assertThat(eventCount(partner[0], "una", "wallet.RoundTimedOutEvent")).as("nothing is due yet").isZero();

        Clock later = Clock.offset(Clock.systemUTC(), properties.roundTimeout().plusMinutes(1));
        RoundTimeoutSweeper sweeper = new RoundTimeoutSweeper(rounds, commands, parked, later, properties);
        for (int sweep = 0; sweep < 200 && eventCount(partner[0], "una", "wallet.RoundTimedOutEvent") < WalletState.OPEN_ROUNDS_MAX; sweep++) {
            sweeper.closeIdleRounds();
        }
        sweeper.closeIdleRounds();
        assertThat(eventCount(partner[0], "una", "wallet.RoundTimedOutEvent")).isEqualTo(WalletState.OPEN_ROUNDS_MAX);

        Reply next = bet(partner[1], "one-more", "b-more");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().path("balances").path("USD").path("available").asText()).isEqualTo("9.99");
        Reply lateWin = client.post(partner[1], "/api/v1/wallets/una/wins", "{\"amount\":\"5.00\",\"currency\":\"USD\","
                + "\"game_id\":\"slots\",\"round_id\":\"open-0\",\"transaction_id_partner\":\"late-win\"}");
        assertThat(lateWin.status()).isEqualTo(409);
        assertThat(lateWin.text("type")).endsWith("/round-closed");
        Reply lateRollback = client.post(partner[1], "/api/v1/wallets/una/rollbacks",
                "{\"transaction_id_partner\":\"late-rb\",\"rolled_back_transaction_id_partner\":\"b0\"}");
        assertThat(lateRollback.status()).isEqualTo(409);
        assertThat(lateRollback.text("type")).endsWith("/bet-already-settled");
    }

    @Test
    void aRoundThatCannotBeClosedIsParkedAndHoldsUpNoneBehindIt() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "una", "5.00", "USD");
        bet(partner[1], "una", "stuck", "b-stuck");
        bet(partner[1], "una", "free", "b-free");
        awaitOpenRounds(partner[0], 2);
        // A row that takes the stuck round's close key: no request hashes to it, so its close fails every time.
        String stuckKey = RoundTimeoutSweeper.timeoutKey(new IdleRound(new WalletId(partner[0], "una"), "slots", "stuck", null));
        jdbc.update("INSERT INTO idempotency_key (partner_id, idempotency_key, request_hash) VALUES (?, ?, ?)",
                partner[0], stuckKey, "0".repeat(64));
        try {
            Clock later = Clock.offset(Clock.systemUTC(), properties.roundTimeout().plusMinutes(1));
            RoundTimeoutSweeper sweeper = new RoundTimeoutSweeper(rounds, commands, parked, later, properties);
            for (int sweep = 0; sweep < 200 && eventCount(partner[0], "una", "wallet.RoundTimedOutEvent") < 1; sweep++) {
                sweeper.closeIdleRounds();
            }
            assertThat(eventCount(partner[0], "una", "wallet.RoundTimedOutEvent")).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_job_item WHERE job = 'round-timeout' AND item_key = ?",
                    Integer.class, partner[0] + ":una:slots/stuck")).isEqualTo(1);
            Reply refused = bet(partner[1], "una", "free", "b-late");
            assertThat(refused.text("type")).endsWith("/round-closed");

            // An operator retries it by the key the guide documents: partner:player:game/round.
            Reply retried = client.admin("POST", "/admin/v1/jobs/parked/round-timeout/retry",
                    "{\"item_key\":\"" + partner[0] + ":una:slots/stuck\"}");
            assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
            assertThat(retried.body().path("unparked").asInt()).isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM idempotency_key WHERE partner_id = ? AND idempotency_key = ?", partner[0], stuckKey);
            jdbc.update("DELETE FROM parked_job_item WHERE job = 'round-timeout' AND item_key LIKE ?", partner[0] + ":%");
        }
    }

    private void awaitOpenRounds(String partnerId, int count) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Integer open = jdbc.queryForObject("SELECT count(*) FROM open_round WHERE partner_id = ? AND NOT closed", Integer.class, partnerId);
            if (open != null && open >= count) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the open-rounds read model did not catch up");
    }
}
