package io.chipledger.api.store;

import io.chipledger.api.store.ChainHeads.Head;
import io.chipledger.core.audit.EventHashChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Axon's insert of events, with each event's link in its aggregate's hash chain (version 2 of
 * {@link EventHashChain}) computed over the exact bytes and texts the row stores, written to the
 * row's {@code event_hash} column, and each aggregate's head moved ({@link ChainHeads}) in the same
 * transaction. The timestamp is written as the text Axon writes ({@link DateTimeUtils#formatInstant}),
 * because that text is what is chained.
 */
final class ChainedAppend implements AppendEventsStatementBuilder {

    private final ChainHeads heads;

    ChainedAppend(ChainHeads heads) {
        this.heads = heads;
    }

    private record Chained(EventHashChain.Row row, String hash) {
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType, List<? extends EventMessage<?>> events,
                                   Serializer serializer, TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class) {
            throw new IllegalStateException("the chain covers payload bytes; the store must keep byte[], not " + dataType);
        }
        List<EventHashChain.Row> rows = new ArrayList<>(events.size());
        Map<String, Long> firstSequences = new LinkedHashMap<>();
        for (EventMessage<?> message : events) {
            EventHashChain.Row row = row(asDomainEvent(message), serializer);
            rows.add(row);
            firstSequences.putIfAbsent(row.aggregateId(), row.sequence());
        }
        Map<String, Head> newest = new HashMap<>(heads.predecessors(connection, firstSequences));
        List<Chained> chained = new ArrayList<>(rows.size());
        for (EventHashChain.Row row : rows) {
            Head previous = newest.get(row.aggregateId());
            if (previous.sequence() != row.sequence() - 1) {
                throw new IllegalStateException("event " + row.sequence() + " of " + row.aggregateId() + " does not follow "
                        + previous.sequence() + " in one append");
            }
            String hash = EventHashChain.next(2, previous.hash(), row);
            newest.put(row.aggregateId(), new Head(row.sequence(), hash));
            chained.add(new Chained(row, hash));
        }
        heads.advance(connection, newest);
        return insert(connection, schema, chained);
    }

    private static EventHashChain.Row row(DomainEventMessage<?> event, Serializer serializer) {
        var payload = event.serializePayload(serializer, byte[].class);
        return new EventHashChain.Row(event.getAggregateIdentifier(), event.getSequenceNumber(), event.getIdentifier(), event.getType(),
                DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(), payload.getType().getRevision(),
                payload.getData(), event.serializeMetaData(serializer, byte[].class).getData());
    }

    private static PreparedStatement insert(Connection connection, EventSchema schema, List<Chained> chained) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ", event_hash) VALUES (?,?,?,?,?,?,?,?,?,?)");
        for (Chained event : chained) {
            EventHashChain.Row row = event.row();
            statement.setString(1, row.eventId());
            statement.setString(2, row.aggregateId());
            statement.setLong(3, row.sequence());
            statement.setString(4, row.type());
            statement.setString(5, row.timeStamp());
            statement.setString(6, row.payloadType());
            statement.setString(7, row.payloadRevision());
            statement.setBytes(8, row.payload());
            statement.setBytes(9, row.metaData());
            statement.setString(10, event.hash());
            statement.addBatch();
        }
        return statement;
    }

    /** As Axon's own insert does: an event not from an aggregate is stored as the first and only event of its own id. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent
                ? domainEvent
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
