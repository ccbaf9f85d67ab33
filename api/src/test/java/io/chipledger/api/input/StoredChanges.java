package io.chipledger.api.input;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a refused request must not have stored, read from the database: events appended after the
 * store's head, and a partner's idempotency keys. Events of partners that existed before and are
 * not the request's own are left out: earlier accepted commands still cause events in the
 * background (a deposit's player activity, an alert), always of their own partner.
 */
final class StoredChanges {

    private StoredChanges() {
    }

    /** The store's head: the newest event's global index. */
    static long head(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    static long keys(JdbcTemplate jdbc, String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ?", Long.class, partnerId);
    }

    /** "aggregate payload-type" of each event appended after {@code head}, but those of other partners that existed at {@code head}. */
    static List<String> eventsSince(JdbcTemplate jdbc, long head, String partnerId) {
        return jdbc.queryForList("SELECT e.aggregate_identifier || ' ' || e.payload_type FROM domain_event_entry e WHERE e.global_index > ? "
                + "AND NOT EXISTS (SELECT 1 FROM domain_event_entry p WHERE p.aggregate_identifier = "
                + "substring(e.aggregate_identifier from 'p_[0-9a-f]{16}') AND p.aggregate_identifier <> ? AND p.global_index <= ?)",
                String.class, head, partnerId, head);
    }
}
