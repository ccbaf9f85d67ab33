package io.chipledger.api;

import io.chipledger.api.LedgerClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port against real PostgreSQL: the database of
 * SPRING_DATASOURCE_URL when scripts/test.sh gives one, else the embedded default. Each test
 * works on partners of its own, so tests share one running context without seeing each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class LedgerApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected LedgerClient client;

    @BeforeEach
    void connect() {
        client = new LedgerClient(port);
    }

    /** Events stored for one wallet. */
    protected long eventCount(String partnerId, String playerId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                partnerId + ":" + playerId);
    }

    protected long eventCount(String partnerId, String playerId, String payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, partnerId + ":" + playerId, payloadType);
    }

    /** Events stored for any aggregate, by its identifier in the store. */
    protected long eventsOf(String aggregateId, String payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, aggregateId, payloadType);
    }

    /** The same request from {@code count} threads at once; the replies in no particular order. */
    protected static List<Reply> concurrently(int count, Callable<Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(request));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Selects the keys of the partner's own commands: the wallet's plays and deposits also record
     * player activity in the background, under {@code activity:} keys of the same partner.
     */
    protected static final String COMMAND_KEYS = "idempotency_key NOT LIKE 'activity:%'";

    protected long storedKeys(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ? AND " + COMMAND_KEYS, Long.class, partnerId);
    }
}
