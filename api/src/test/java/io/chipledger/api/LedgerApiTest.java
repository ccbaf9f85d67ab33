package io.chipledger.api;

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

    protected long storedKeys(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ?", Long.class, partnerId);
    }
}
