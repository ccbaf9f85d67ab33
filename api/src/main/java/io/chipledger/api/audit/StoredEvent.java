package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.EventHashChain;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domain_event_entry}, with its bytes as stored: what the verification checks
 * and the export writes, whichever of the two it was read from. {@code eventHash} is the row's
 * {@code event_hash} column: a version 2 link, null for events stored before version 2.
 */
public record StoredEvent(String aggregateId, long sequence, long globalPosition, String eventId, String type, String timeStamp,
                          String payloadType, String payloadRevision, byte[] payload, byte[] metaData, String eventHash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns {@link #of} reads, in its order, for a query over {@code domain_event_entry e}. */
    static final String COLUMNS = "e.aggregate_identifier, e.sequence_number, e.global_index, e.event_identifier, e.type, e.time_stamp, "
            + "e.payload_type, e.payload_revision, e.payload, e.meta_data, e.event_hash";

    /** The event in the current row of a query that selects {@link #COLUMNS} first. */
    static StoredEvent of(ResultSet row) throws SQLException {
        return new StoredEvent(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5), row.getString(6),
                row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10), row.getString(11));
    }

    /** The row as the chain reads it. */
    public EventHashChain.Row chainRow() {
        return new EventHashChain.Row(aggregateId, sequence, eventId, type, timeStamp, payloadType, payloadRevision, payload, metaData);
    }

    /**
     * The event's link in its chain as stored: the {@code event_hash} column, else (version 1) its
     * metadata's; null when neither holds one.
     */
    public String storedHash() {
        if (eventHash != null) {
            return eventHash;
        }
        if (metaData == null) {
            return null;
        }
        try {
            JsonNode hash = JSON.readTree(metaData).path(EventHashChain.HASH_METADATA_KEY);
            return hash.isTextual() ? hash.asText() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }
}
