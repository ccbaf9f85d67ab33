package io.chipledger.api.audit;

import io.chipledger.core.audit.EventHashChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGStatement;

/**
 * What a verification or an export reads from the database, all in one read-only transaction at
 * REPEATABLE READ, so events, chain heads, snapshots, checkpoints and read models are seen as of
 * one instant while commands go on. Large results are streamed with a cursor,
 * {@link #FETCH_SIZE} rows per round trip.
 */
final class StoreSnapshot {

    /** Rows fetched per round trip: the stream's memory bound. */
    static final int FETCH_SIZE = 10_000;

    private StoreSnapshot() {
    }

    /** Work done inside the snapshot. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a read-only REPEATABLE READ transaction on {@code connection}, then rolls back and restores it. */
    static <T> T read(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return work.run(connection);
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
            connection.setReadOnly(readOnly);
        }
    }

    /** A snapshot row, taken at the event it is joined to. */
    record StoredSnapshot(String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /** An event with its aggregate's anchored head (null: the aggregate has none) and the snapshot taken at it (null: none). */
    record Anchored(StoredEvent event, AuditExport.ChainHead head, StoredSnapshot snapshot) {
    }

    /** Something stored about an aggregate that has no event where it points: a head or a snapshot. */
    record Orphan(String aggregateId, long sequence, String what) {
    }

    /** Every event in (aggregate, sequence) order, with its anchors. */
    static void events(Connection connection, Consumer<Anchored> each) throws SQLException {
        stream(connection, "SELECT " + StoredEvent.COLUMNS + ", h.sequence_number, h.event_hash, s.payload_type, s.payload_revision, "
                + "s.payload, s.meta_data FROM domain_event_entry e "
                + "LEFT JOIN event_chain_head h ON h.aggregate_identifier = e.aggregate_identifier "
                + "LEFT JOIN snapshot_event_entry s ON s.aggregate_identifier = e.aggregate_identifier AND s.sequence_number = e.sequence_number "
                + "ORDER BY e.aggregate_identifier, e.sequence_number", row -> {
            String headHash = row.getString(13);
            AuditExport.ChainHead head = headHash == null ? null : new AuditExport.ChainHead(row.getLong(12), headHash);
            byte[] snapshotPayload = row.getBytes(16);
            StoredSnapshot snapshot = snapshotPayload == null ? null
                    : new StoredSnapshot(row.getString(14), row.getString(15), snapshotPayload, row.getBytes(17));
            each.accept(new Anchored(StoredEvent.of(row), head, snapshot));
        });
    }

    /** The events with a global position in {@code (after, through]}, in position order. */
    static void eventsByPosition(Connection connection, long after, long through, Consumer<StoredEvent> each) throws SQLException {
        stream(connection, "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry e WHERE e.global_index > " + after
                + " AND e.global_index <= " + through + " ORDER BY e.global_index", row -> each.accept(StoredEvent.of(row)));
    }

    /** Every event's stored link, in position order. */
    static void links(Connection connection, LinkConsumer each) throws SQLException {
        stream(connection, "SELECT global_index, " + EventHashChain.STORED_LINK_SQL + " FROM domain_event_entry ORDER BY global_index",
                row -> each.accept(row.getLong(1), String.valueOf(row.getString(2))));
    }

    /** One event's position and stored link. */
    @FunctionalInterface
    interface LinkConsumer {
        void accept(long position, String link);
    }

    /** Heads with no event at their sequence, and snapshots with no event at theirs: history removed under them. */
    static List<Orphan> orphans(Connection connection) throws SQLException {
        List<Orphan> orphans = new ArrayList<>();
        stream(connection, "SELECT h.aggregate_identifier, h.sequence_number, 'chain head' FROM event_chain_head h WHERE NOT EXISTS "
                + "(SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = h.aggregate_identifier "
                + "AND e.sequence_number = h.sequence_number) UNION ALL "
                + "SELECT s.aggregate_identifier, s.sequence_number, 'snapshot' FROM snapshot_event_entry s WHERE NOT EXISTS "
                + "(SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = s.aggregate_identifier "
                + "AND e.sequence_number = s.sequence_number)",
                row -> orphans.add(new Orphan(row.getString(1), row.getLong(2), row.getString(3))));
        return orphans;
    }

    /** The first global position chained with version 2 (events before it keep version 1). */
    static long version2From(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT first_position FROM event_chain_upgrade WHERE version = 2");
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("event_chain_upgrade has no version 2 row: the store was not upgraded by the service (migration V17)");
            }
            return row.getLong(1);
        }
    }

    /** The stored checkpoints, oldest first. */
    static List<ChainCheckpoints.Checkpoint> checkpoints(Connection connection) throws SQLException {
        List<ChainCheckpoints.Checkpoint> checkpoints = new ArrayList<>();
        stream(connection, "SELECT position, previous_position, events, checkpoint_hash, made_at FROM chain_checkpoint ORDER BY position",
                row -> checkpoints.add(new ChainCheckpoints.Checkpoint(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
                        row.getTimestamp(5).toInstant())));
        return checkpoints;
    }

    /** The number of events the store holds, for a progress bar. */
    static long eventCount(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM domain_event_entry");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    static void stream(Connection connection, String sql, RowConsumer each) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(FETCH_SIZE);
            if (query.isWrapperFor(PGStatement.class)) {
                // Prepared on the server from the first run, so rows come in binary: bytea as text is hex, twice the bytes to decode.
                query.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
        }
    }
}
