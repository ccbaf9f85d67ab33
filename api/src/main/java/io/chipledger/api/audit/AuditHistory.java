package io.chipledger.api.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.EventHashChain;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An aggregate's events as stored, for auditors: read from the event store's own table
 * ({@code domain_event_entry}), never from a read model, in sequence order, a page at a time. Each
 * event comes with its chain link: its own hash and its predecessor's, so a reader can check the
 * page against {@link EventHashChain} without the ledger's code.
 */
@Component
public class AuditHistory {

    /** Events per page at most: a page is one index range scan, and its payloads are at most a few KiB each. */
    public static final int PAGE_SIZE_MAX = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    AuditHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One stored event. {@code occurredAt} is the stored timestamp text, as the store holds it;
     * {@code correlationId} is the id of the request's first message and {@code causationId} the
     * id of the command that caused the event (Axon's {@code traceId} and {@code correlationId}).
     */
    public record AuditEvent(String aggregateId, long sequence, long globalPosition, String eventId, String eventType,
                             String revision, String occurredAt, Map<String, Object> payload, String actor, String partnerId,
                             String idempotencyKey, String requestIp, String userAgent, String correlationId, String causationId,
                             String eventHash, String previousHash) {
    }

    /** The events of {@code aggregateId} after sequence {@code after} (-1: from the first), at most {@code limit}. */
    public List<AuditEvent> events(String aggregateId, long after, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("a page holds 1.." + PAGE_SIZE_MAX + " events, not " + limit);
        }
        // The row before the page too: its hash is the first event's predecessor.
        List<Row> rows = jdbc.query("SELECT aggregate_identifier, sequence_number, global_index, event_identifier, payload_type, "
                        + "payload_revision, time_stamp, payload, meta_data, " + EventHashChain.STORED_LINK_SQL + " FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND sequence_number >= ? ORDER BY sequence_number LIMIT ?",
                (row, i) -> row(row), aggregateId, after, limit + 1);
        List<AuditEvent> events = new ArrayList<>(limit);
        String previousHash = EventHashChain.GENESIS;
        for (Row row : rows) {
            if (row.sequence() > after) {
                events.add(row.event(previousHash));
            }
            previousHash = row.eventHash();
        }
        return events.size() > limit ? events.subList(0, limit) : events;
    }

    /** Whether the store holds any event of {@code aggregateId}. */
    public boolean exists(String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)",
                Boolean.class, aggregateId));
    }

    private record Row(String aggregateId, long sequence, long globalPosition, String eventId, String type, String revision,
                       String occurredAt, Map<String, Object> payload, JsonNode metaData, String eventHash) {

        AuditEvent event(String previousHash) {
            return new AuditEvent(aggregateId, sequence, globalPosition, eventId, type, revision, occurredAt, payload,
                    text(metaData, "actor"), text(metaData, "partner_id"), text(metaData, "idempotency_key"),
                    text(metaData, "request_ip"), text(metaData, "user_agent"), text(metaData, "traceId"),
                    text(metaData, "correlationId"), eventHash, previousHash);
        }
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5), row.getString(6),
                row.getString(7), payload(row.getBytes(8)), json(row.getBytes(9)), row.getString(10));
    }

    /** The payload as its JSON object; a row that no longer reads as one is shown as such, never hidden from an auditor. */
    private static Map<String, Object> payload(byte[] stored) {
        try {
            return JSON.readValue(stored, PAYLOAD);
        } catch (IOException notAnObject) {
            return Map.of("unreadable_as_json", notAnObject.getMessage());
        }
    }

    private static JsonNode json(byte[] stored) {
        if (stored == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(stored);
        } catch (IOException notJson) {
            // Shown, not hidden: an auditor must see a row that no longer reads as JSON.
            return JSON.getNodeFactory().textNode("unreadable as JSON: " + notJson.getMessage());
        }
    }

    private static String text(JsonNode metaData, String key) {
        JsonNode value = metaData.path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
