package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.activity.WalletActivityFeed;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the Kafka tests share: the context's in-JVM broker, commands from several players at once, the stored events. */
abstract class KafkaTestSupport extends LedgerApiTest {

    static final Duration WAIT_MAX = Duration.ofSeconds(60);

    @Autowired
    KafkaBroker broker;
    @Autowired
    ProjectionPositions positions;

    /** A stored event of the store, as the ledger holds it. */
    record StoredEvent(String eventId, String aggregateId, long sequence) {
    }

    /**
     * The stored events of a partner: those whose metadata names it, in the store's order, once the
     * wallet activity feed has recorded what the partner's deposits and plays make and the segment
     * changes they cause are recorded (their events come a moment after the command's, and a list
     * taken before would miss them).
     */
    List<StoredEvent> storedEvents(String partnerId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while ((positions.lag(WalletActivityFeed.GROUP) > 0 || positions.lag(PlayerSegmentProjection.GROUP) > 0
                || jdbc.queryForObject("SELECT count(*) FROM segment_change_outbox WHERE partner_id = ?", Long.class, partnerId) > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return storedEventsOf(jdbc, partnerId);
    }

    /** The stored events whose metadata names the partner, in the store's order, as they stand now. */
    static List<StoredEvent> storedEventsOf(JdbcTemplate jdbc, String partnerId) {
        return jdbc.query("SELECT event_identifier, aggregate_identifier, sequence_number FROM domain_event_entry "
                        + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'partner_id' = ? ORDER BY global_index",
                (row, index) -> new StoredEvent(row.getString(1), row.getString(2), row.getLong(3)), partnerId);
    }

    static Set<String> ids(List<?> events) {
        Set<String> ids = new HashSet<>();
        for (Object event : events) {
            ids.add(event instanceof Message message ? message.header("event_id") : ((StoredEvent) event).eventId());
        }
        return ids;
    }

    /** For each player at once: a deposit, then {@code rounds} bets each followed by a win. */
    void play(String apiKey, List<String> players, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(players.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String player : players) {
                done.add(pool.submit(() -> {
                    assertThat(client.deposit(apiKey, player, "100.00", "USD").status()).isEqualTo(200);
                    for (int round = 0; round < rounds; round++) {
                        String bet = player + "-bet-" + round;
                        assertThat(client.bet(apiKey, player, "1.00", "USD", bet).status()).isEqualTo(200);
                        Reply win = client.post(apiKey, "/api/v1/wallets/" + player + "/wins", "{\"amount\":\"0.50\",\"currency\":\"USD\","
                                + "\"game_id\":\"slots\",\"round_id\":\"round-" + bet + "\",\"transaction_id_partner\":\"" + player + "-win-"
                                + round + "\"}");
                        assertThat(win.status()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
