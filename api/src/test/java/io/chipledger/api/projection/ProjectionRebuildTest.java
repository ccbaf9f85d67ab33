package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A projection rebuilt from the start of history ends up exactly where it was, and reports its progress. */
class ProjectionRebuildTest extends LedgerApiTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private static final Duration REBUILD_WAIT_MAX = Duration.ofSeconds(60);

    @Test
    void rebuildingTheBalancesAndTheHistoryGivesTheSameRows() throws InterruptedException {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "rita", "20.00", "USD");
        client.bet(partner[1], "rita", "2.50", "USD", "rb-bet-1");
        Reply last = client.deposit(partner[1], "rita", "100", "KRW");
        client.get(partner[1], "/api/v1/wallets/rita/transactions?consistent_with=" + last.body().path("position").asLong());
        client.get(partner[1], "/api/v1/wallets/rita?consistent_with=" + last.body().path("position").asLong());
        List<Map<String, Object>> balancesBefore = balances(partner[0]);
        List<Map<String, Object>> historyBefore = history(partner[0]);

        // Damage both read models: only a real replay of the history puts these rows back.
        jdbc.update("UPDATE wallet_balance SET available_minor = 0 WHERE partner_id = ?", partner[0]);
        jdbc.update("DELETE FROM wallet_transaction WHERE partner_id = ?", partner[0]);
        assertThat(balances(partner[0])).isNotEqualTo(balancesBefore);
        assertThat(history(partner[0])).isEmpty();

        for (String projection : List.of("wallet-balances", "wallet-transactions")) {
            Reply started = client.admin("POST", "/admin/v1/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).isEqualTo(202);
        }
        awaitCaughtUp();

        assertThat(balances(partner[0])).isEqualTo(balancesBefore);
        assertThat(history(partner[0])).isEqualTo(historyBefore);
    }

    @Test
    void rebuildingThePlayLogPurchasesAndActivityGivesTheSameRowsAndCountsNothingTwice() throws InterruptedException {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        client.grantTokens(partner[0], "sam", "DICE_TOKEN", "10", "rb-grant");
        client.post(partner[1], "/api/v1/wallets/sam/plays", "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\","
                + "\"amount\":\"1\"},\"outcome\":{\"result\":\"LOSE\"},\"transaction_id_partner\":\"rb-play\"}");
        client.post(partner[1], "/api/v1/wallets/sam/purchases", "{\"sku\":\"gem\",\"quantity\":1,"
                + "\"price\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"2\"},\"transaction_id_partner\":\"rb-buy\"}");
        client.post(partner[1], "/api/v1/players/sam/activities",
                "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.randomUUID() + "\"}");
        Reply activity = LedgerClient.eventually(() -> client.get(partner[1], "/api/v1/players/sam/activity"),
                reply -> reply.body().path("activities").asLong() == 2);
        assertThat(activity.body().path("plays_per_game").path("DICE").asLong()).isEqualTo(1);
        awaitCaughtUp();
        List<List<Map<String, Object>>> before = freeToPlayRows(partner[0]);

        jdbc.update("DELETE FROM play_log WHERE partner_id = ?", partner[0]);
        jdbc.update("DELETE FROM purchase WHERE partner_id = ?", partner[0]);
        jdbc.update("UPDATE player_activity SET dice_plays = 99, activities = 99 WHERE partner_id = ?", partner[0]);
        assertThat(freeToPlayRows(partner[0])).isNotEqualTo(before);

        for (String projection : List.of("play-log", "purchase-history", "player-activity")) {
            assertThat(client.admin("POST", "/admin/v1/projections/" + projection + "/rebuild", null).status()).isEqualTo(202);
        }
        awaitCaughtUp();

        assertThat(freeToPlayRows(partner[0])).isEqualTo(before);
    }

    /**
     * Another node holding one segment (a claim written as that node would) makes a rebuild here a
     * 409 that resets nothing, and the projection goes on, here and once the claim is let go.
     */
    @Test
    void aRebuildThatCannotClaimEverySegmentIsRefusedAndStopsNothing() throws InterruptedException {
        String[] partner = client.newPartner();
        Reply before = client.deposit(partner[1], "olga", "5.00", "USD");
        client.get(partner[1], "/api/v1/wallets/olga?consistent_with=" + before.body().path("position").asLong());
        jdbc.update("UPDATE token_entry SET owner = 'another-node', timestamp = ? WHERE processor_name = 'wallet-balances' AND segment = 1",
                DateTimeUtils.formatInstant(Instant.now()));
        try {
            Reply refused = client.admin("POST", "/admin/v1/projections/wallet-balances/rebuild", null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.text("type")).endsWith("rebuild-refused");
            assertThat(processing.eventProcessor("wallet-balances", StreamingEventProcessor.class).orElseThrow().isRunning()).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM wallet_balance WHERE partner_id = ?", Long.class, partner[0]))
                    .as("nothing was reset").isEqualTo(1);
        } finally {
            jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = 'wallet-balances' AND owner = 'another-node'");
        }
        // The processor takes the let-go segment back when its claim pause ends (Axon: twice the claim interval, 10 s).
        StreamingEventProcessor balances = processing.eventProcessor("wallet-balances", StreamingEventProcessor.class).orElseThrow();
        long deadline = System.nanoTime() + REBUILD_WAIT_MAX.toNanos();
        while (balances.processingStatus().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Reply after = client.deposit(partner[1], "olga", "1.00", "USD");
        Reply read = client.get(partner[1], "/api/v1/wallets/olga?consistent_with=" + after.body().path("position").asLong());
        assertThat(read.body().path("balances").path("USD").path("available").asText()).isEqualTo("6.00");
    }

    @Test
    void anUnknownProjectionCannotBeRebuilt() {
        Reply reply = client.admin("POST", "/admin/v1/projections/everything/rebuild", null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("type")).endsWith("unknown-projection");
        // The activity feed parks events like a projection, but is not rebuilt: its commands are already recorded.
        assertThat(client.admin("POST", "/admin/v1/projections/wallet-activity-feed/rebuild", null).status()).isEqualTo(404);
    }

    private List<List<Map<String, Object>>> freeToPlayRows(String partnerId) {
        return List.of(
                jdbc.queryForList("SELECT * FROM play_log WHERE partner_id = ? ORDER BY transaction_id", partnerId),
                jdbc.queryForList("SELECT * FROM purchase WHERE partner_id = ? ORDER BY transaction_id", partnerId),
                jdbc.queryForList("SELECT * FROM player_activity WHERE partner_id = ? ORDER BY player_id", partnerId));
    }

    private void awaitCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + REBUILD_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = client.admin("GET", "/admin/v1/projections", null).body();
            boolean caughtUp = true;
            for (JsonNode projection : status) {
                caughtUp &= projection.path("lag_events").asLong() == 0 && !projection.path("replaying").asBoolean();
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("projections did not catch up within " + REBUILD_WAIT_MAX);
    }

    private List<Map<String, Object>> balances(String partnerId) {
        return jdbc.queryForList("SELECT player_id, asset, available_minor, reserved_minor, wallet_sequence FROM wallet_balance "
                + "WHERE partner_id = ? ORDER BY player_id, asset", partnerId);
    }

    private List<Map<String, Object>> history(String partnerId) {
        return jdbc.queryForList("SELECT transaction_id, kind, available_change_minor, available_after_minor, wallet_sequence, global_position "
                + "FROM wallet_transaction WHERE partner_id = ? ORDER BY wallet_sequence", partnerId);
    }
}
