package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.EventHashChain;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * One row of {@code domain_event_entry}, with its bytes as stored: what the verification checks
 * and the export writes, whichever of the two it was read from.
 */
public record StoredEvent(String aggregateId, long sequence, long globalPosition, String eventId, String type, String timeStamp,
                          String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows fetched per round trip: the stream's memory bound. */
    static final int FETCH_SIZE = 1_000;

    /** Every stored event in (aggregate, sequence) order, streamed in one read-only transaction. */
    static void readAll(Connection connection, Consumer<StoredEvent> each) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        // PostgreSQL streams with a cursor only inside a transaction.
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try (PreparedStatement query = connection.prepareStatement("SELECT aggregate_identifier, sequence_number, global_index, "
                + "event_identifier, type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                + "ORDER BY aggregate_identifier, sequence_number")) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    each.accept(new StoredEvent(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10)));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
            connection.setReadOnly(readOnly);
        }
    }

    /** The event's link in its chain as stored in its metadata; null when the metadata has none or does not read. */
    public String storedHash() {
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
