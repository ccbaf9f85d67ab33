package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the money read models while partners' backends keep sending deposits and bets: no
 * command is refused, and afterwards the read models hold exactly the rows they held before plus
 * what the load added, the same rows a second, quiet rebuild gives.
 */
class RebuildUnderLoadTest extends LedgerApiTest {

    private static final int THREADS = 4;
    private static final int PLAYERS_PER_THREAD = 2;
    /** How long commands keep flowing after the last rebuild was accepted: the replay runs meanwhile. */
    private static final Duration LOAD_AFTER_REBUILDS = Duration.ofSeconds(2);
    private static final List<String> MONEY_READ_MODELS = List.of("wallet-balances", "wallet-transactions");

    @Test
    void aRebuildWhileCommandsFlowRefusesNoneAndEndsWithTheRowsOfAQuietFullReplay() throws Exception {
        String[] partner = client.newPartner();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < THREADS * PLAYERS_PER_THREAD; i++) {
            players.add("load" + i);
            Reply seeded = client.deposit(partner[1], "load" + i, "100.00", "USD");
            client.get(partner[1], "/api/v1/wallets/load" + i + "/transactions?consistent_with=" + seeded.body().path("position").asLong());
        }
        Rebuilding.awaitCaughtUp(client);
        ReadModelRows before = rows(partner[0]);

        Load load = new Load(partner[1], players);
        load.start();
        Thread.sleep(300);
        for (String projection : MONEY_READ_MODELS) {
            Rebuilding.rebuild(client, projection);
        }
        Thread.sleep(LOAD_AFTER_REBUILDS.toMillis());
        load.stop();

        assertThat(load.refused).as("commands refused during the rebuild").isEmpty();
        assertThat(load.accepted.get()).as("commands sent during the rebuild").isGreaterThan(THREADS * 4L);
        Rebuilding.awaitCaughtUp(client);
        ReadModelRows after = rows(partner[0]);
        assertThat(after.history()).as("every line from before the rebuild, unchanged").containsAll(before.history());
        assertThat(after.history()).as("one line per command, before and during the rebuild")
                .hasSize(before.history().size() + (int) load.accepted.get());
        for (String player : players) {
            Reply wallet = client.get(partner[1], "/api/v1/wallets/" + player);
            assertThat(wallet.body().path("balances").path("USD").path("available").asText()).as(player)
                    .isEqualTo(load.lastAvailable.get(player));
        }

        for (String projection : MONEY_READ_MODELS) {
            Rebuilding.rebuild(client, projection);
        }
        Rebuilding.awaitCaughtUp(client);
        assertThat(rows(partner[0])).as("a quiet full replay gives the same rows").isEqualTo(after);
    }

    /** The partner's rows of the two money read models, in a stable order. */
    private record ReadModelRows(List<Map<String, Object>> wallets, List<Map<String, Object>> balances,
                                 List<Map<String, Object>> systemEntries, List<Map<String, Object>> openRounds,
                                 List<Map<String, Object>> history) {
    }

    private ReadModelRows rows(String partnerId) {
        return new ReadModelRows(
                jdbc.queryForList("SELECT * FROM wallet WHERE partner_id = ? ORDER BY player_id", partnerId),
                jdbc.queryForList("SELECT * FROM wallet_balance WHERE partner_id = ? ORDER BY player_id, asset", partnerId),
                jdbc.queryForList("SELECT * FROM system_account_entry WHERE partner_id = ? ORDER BY event_position, account, asset",
                        partnerId),
                jdbc.queryForList("SELECT * FROM open_round WHERE partner_id = ? ORDER BY player_id, game_id, round_id", partnerId),
                jdbc.queryForList("SELECT * FROM wallet_transaction WHERE partner_id = ? ORDER BY player_id, wallet_sequence, transaction_id",
                        partnerId));
    }

    /**
     * {@link #THREADS} backends, each with players of its own, sending a deposit then a bet in turn
     * as fast as the ledger answers; each player's commands are sequential, so the last answer
     * holds the wallet's final balance.
     */
    private final class Load {
        final String apiKey;
        final List<String> players;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong accepted = new AtomicLong();
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> lastAvailable = new ConcurrentHashMap<>();
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        final List<Future<?>> backends = new ArrayList<>();

        Load(String apiKey, List<String> players) {
            this.apiKey = apiKey;
            this.players = players;
        }

        void start() {
            for (int thread = 0; thread < THREADS; thread++) {
                List<String> own = players.subList(thread * PLAYERS_PER_THREAD, (thread + 1) * PLAYERS_PER_THREAD);
                backends.add(pool.submit(() -> send(own)));
            }
        }

        private void send(List<String> own) {
            for (int turn = 0; running.get(); turn++) {
                String player = own.get(turn % own.size());
                Reply reply = turn / own.size() % 2 == 0
                        ? client.deposit(apiKey, player, "1.00", "USD")
                        : client.bet(apiKey, player, "0.50", "USD", "load-" + UUID.randomUUID());
                if (reply.status() == 200) {
                    accepted.incrementAndGet();
                    lastAvailable.put(player, reply.body().path("balances").path("USD").path("available").asText());
                } else {
                    refused.add(player + ": " + reply.status() + " " + reply.raw());
                }
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> backend : backends) {
                backend.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
    }
}
