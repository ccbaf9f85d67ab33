package io.chipledger.api.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.audit.SnapshotSeal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendSnapshotStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Snapshots sealed to the chain they summarise ({@link SnapshotSeal}) with a key the database does
 * not hold: sealed as they are stored, and used only when the keyed seal and the chain link still
 * match; a snapshot that does not is passed over (the aggregate loads from its events, and a new
 * snapshot follows), logged and counted ({@value #REFUSED_METRIC}).
 */
final class SealedSnapshots implements AppendSnapshotStatementBuilder, SnapshotFilter {

    static final String REFUSED_METRIC = "chipledger.snapshots.refused";
    /** A configured key shorter than this is refused at start: it could be guessed. */
    static final int KEY_BYTES_MIN = 16;
    private static final Logger log = LoggerFactory.getLogger(SealedSnapshots.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Counter refused;
    /** The seal key: configured, or this process's own (then snapshots of other processes and earlier runs are not used). */
    private final byte[] key;

    SealedSnapshots(JdbcTemplate jdbc, MeterRegistry meters, byte[] key) {
        if (key == null || key.length < KEY_BYTES_MIN) {
            throw new IllegalArgumentException("a snapshot key has at least " + KEY_BYTES_MIN + " bytes");
        }
        this.jdbc = jdbc;
        this.key = key.clone();
        this.refused = Counter.builder(REFUSED_METRIC)
                .description("Snapshots passed over because their seal or chain link did not match: the aggregate loaded from its events")
                .register(meters);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType, DomainEventMessage<?> snapshot,
                                   Serializer serializer, TimestampWriter timestampWriter) throws SQLException {
        String aggregateId = snapshot.getAggregateIdentifier();
        long sequence = snapshot.getSequenceNumber();
        var payload = snapshot.serializePayload(serializer, byte[].class);
        String chainHash = ChainHeads.linkOf(connection, aggregateId, sequence).hash();
        String seal = seal(aggregateId, sequence, chainHash, payload.getType().getName(), payload.getType().getRevision(), payload.getData());
        byte[] metaData = serializer.serialize(snapshot.getMetaData().mergedWith(Map.of(SnapshotSeal.CHAIN_HASH_KEY, chainHash,
                SnapshotSeal.SEAL_KEY, seal)), byte[].class).getData();
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.snapshotTable() + " ("
                + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        statement.setString(1, snapshot.getIdentifier());
        statement.setString(2, aggregateId);
        statement.setLong(3, sequence);
        statement.setString(4, snapshot.getType());
        statement.setString(5, DateTimeUtils.formatInstant(snapshot.getTimestamp()));
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setBytes(8, payload.getData());
        statement.setBytes(9, metaData);
        return statement;
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        String problem = problem(snapshot);
        if (problem == null) {
            return true;
        }
        refused.increment();
        log.warn("snapshot of {} at sequence {} not used, the aggregate loads from its events: {}", snapshot.getAggregateIdentifier(),
                snapshot.getSequenceNumber(), problem);
        return false;
    }

    private String seal(String aggregateId, long sequence, String chainHash, String payloadType, String payloadRevision, byte[] payload) {
        return SnapshotSeal.keyedSeal(key, aggregateId, sequence, chainHash, payloadType, payloadRevision, payload);
    }

    /** Why the snapshot must not be used, or null. */
    private String problem(DomainEventData<?> snapshot) {
        if (!(snapshot.getPayload().getData() instanceof byte[] payload) || !(snapshot.getMetaData().getData() instanceof byte[] metaData)) {
            return "not stored as bytes";
        }
        JsonNode seals;
        try {
            seals = JSON.readTree(metaData);
        } catch (IOException unreadable) {
            return "its metadata does not read as JSON";
        }
        String chainHash = seals.path(SnapshotSeal.CHAIN_HASH_KEY).asText(null);
        String seal = seals.path(SnapshotSeal.SEAL_KEY).asText(null);
        if (chainHash == null || seal == null) {
            return "it has no seal (stored before snapshots were sealed)";
        }
        var type = snapshot.getPayload().getType();
        if (!seal.equals(seal(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), chainHash, type.getName(), type.getRevision(),
                payload))) {
            return "it is not sealed with this service's key, or its bytes changed";
        }
        List<String> stored = jdbc.queryForList(ChainHeads.STORED_LINK, String.class, snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
        if (stored.size() != 1 || !chainHash.equals(stored.get(0))) {
            return "the event it summarises is not the one its chain hash names";
        }
        return null;
    }
}
