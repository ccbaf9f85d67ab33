package io.chipledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.store.StableNameSerializer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Exactly once per idempotency key, decided by PostgreSQL, not by memory, so it holds across
 * nodes and restarts. Every method works on a whole group of commands in one round trip, inside
 * the group's transaction:
 * <ol>
 * <li>{@link #claim}: insert the keys; a key another transaction holds uncommitted blocks the
 * insert until that transaction ends, then counts as taken (or, if it rolled back, is claimed);</li>
 * <li>{@link #stored}: the outcomes of the taken keys, or a conflict when a key was used for a
 * different request;</li>
 * <li>{@link #release} the keys of refused commands, so a refusal stores nothing;</li>
 * <li>{@link #record} the outcomes of executed commands, with their events' positions.</li>
 * </ol>
 * The last two are JDBC batches of single-row statements by primary key: one round trip, and an
 * index lookup per row whatever the table's size. A committed key therefore always has an outcome.
 */
@Component
public class IdempotencyKeys {

    private static final ObjectMapper OUTCOME_JSON = StableNameSerializer.eventObjectMapper();
    /**
     * A scalar subquery per wanted key: PostgreSQL never turns it into a join, so it stays an
     * index lookup however large the table grows. Joins against the arrays (even lateral ones,
     * which the planner flattens) were planned as scans of the whole table: 150 ms per group at
     * 300,000 keys.
     */
    private static final String INDEXED_LOOKUP = "(SELECT %s FROM idempotency_key k "
            + "WHERE k.partner_id = wanted.partner_id AND k.idempotency_key = wanted.idempotency_key)";

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A partner's key; keys are unique per partner. */
    public record Key(String partnerId, String idempotencyKey) {
    }

    /** Claims every key it can; answers the keys that were already taken. */
    public Set<Key> claim(List<IdempotencyMetaData> keys) {
        Set<Key> claimed = new HashSet<>(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO idempotency_key (partner_id, idempotency_key, "
                    + "request_hash, operation) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::char(64)[], ?::varchar[]) "
                    + "ON CONFLICT DO NOTHING RETURNING partner_id, idempotency_key");
            statement.setArray(1, array(connection, keys, IdempotencyMetaData::partnerId));
            statement.setArray(2, array(connection, keys, IdempotencyMetaData::idempotencyKey));
            statement.setArray(3, array(connection, keys, IdempotencyMetaData::requestHash));
            statement.setArray(4, array(connection, keys, IdempotencyMetaData::operation));
            return statement;
        }, (row, i) -> new Key(row.getString(1), row.getString(2))));
        Set<Key> taken = new HashSet<>();
        for (IdempotencyMetaData key : keys) {
            if (!claimed.contains(key.key())) {
                taken.add(key.key());
            }
        }
        return taken;
    }

    /** What a taken key answered before; throws when the key was used for a different request. */
    public Map<Key, RecordedOutcome> stored(List<IdempotencyMetaData> keys) {
        record StoredKey(Key key, String requestHash, String outcomeJson) {
        }
        List<StoredKey> rows = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT wanted.partner_id, wanted.idempotency_key, "
                    + INDEXED_LOOKUP.formatted("request_hash") + ", " + INDEXED_LOOKUP.formatted("outcome")
                    + " FROM unnest(?::varchar[], ?::varchar[]) AS wanted (partner_id, idempotency_key)");
            statement.setArray(1, array(connection, keys, IdempotencyMetaData::partnerId));
            statement.setArray(2, array(connection, keys, IdempotencyMetaData::idempotencyKey));
            return statement;
        }, (row, i) -> new StoredKey(new Key(row.getString(1), row.getString(2)), row.getString(3), row.getString(4)));
        Map<Key, StoredKey> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.key(), row));
        Map<Key, RecordedOutcome> outcomes = new HashMap<>();
        for (IdempotencyMetaData key : keys) {
            StoredKey stored = byKey.get(key.key());
            if (stored == null || stored.requestHash() == null || stored.outcomeJson() == null) {
                throw new IllegalStateException("idempotency key " + key.idempotencyKey() + " is taken but has no committed outcome");
            }
            if (!stored.requestHash().equals(key.requestHash())) {
                throw new IdempotencyKeyReusedException(key.idempotencyKey());
            }
            outcomes.put(key.key(), read(stored.outcomeJson()));
        }
        return outcomes;
    }

    /** What a partner's key was used for, and whether that command was completed (its outcome recorded); empty if never used. */
    public Optional<KeyUse> useOf(String partnerId, String idempotencyKey) {
        return jdbc.query("SELECT operation, outcome IS NOT NULL FROM idempotency_key WHERE partner_id = ? AND idempotency_key = ?",
                (row, i) -> new KeyUse(row.getString(1), row.getBoolean(2)), partnerId, idempotencyKey).stream().findFirst();
    }

    /** A key's use: {@code operation} is null for keys claimed before the ledger kept it. */
    public record KeyUse(String operation, boolean completed) {
    }

    public void release(List<IdempotencyMetaData> keys) {
        if (keys.isEmpty()) {
            return;
        }
        requireEachRow(jdbc.batchUpdate("DELETE FROM idempotency_key WHERE partner_id = ? AND idempotency_key = ?",
                keys.stream().map(key -> new Object[] {key.partnerId(), key.idempotencyKey()}).toList()), "released");
    }

    public void record(Map<IdempotencyMetaData, RecordedOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        requireEachRow(jdbc.batchUpdate("UPDATE idempotency_key SET outcome = ? WHERE partner_id = ? AND idempotency_key = ?",
                outcomes.entrySet().stream()
                        .map(outcome -> new Object[] {json(outcome.getValue()), outcome.getKey().partnerId(), outcome.getKey().idempotencyKey()})
                        .toList()), "recorded");
    }

    private static void requireEachRow(int[] counts, String what) {
        for (int count : counts) {
            if (count != 1) {
                throw new IllegalStateException(what + " " + count + " rows for one claimed idempotency key");
            }
        }
    }

    private static Array array(Connection connection, List<IdempotencyMetaData> keys, Function<IdempotencyMetaData, String> field)
            throws SQLException {
        return connection.createArrayOf("varchar", keys.stream().map(field).toArray());
    }

    private static RecordedOutcome read(String json) {
        try {
            return OUTCOME_JSON.readValue(json, RecordedOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored outcome no longer reads: " + json, e);
        }
    }

    private static String json(RecordedOutcome outcome) {
        try {
            return OUTCOME_JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome is plain data and always serializes", e);
        }
    }
}
