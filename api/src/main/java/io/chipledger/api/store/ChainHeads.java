package io.chipledger.api.store;

import io.chipledger.core.audit.EventHashChain;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Each aggregate's newest link in its hash chain: in {@code event_chain_head}, moved in the
 * transaction that appends, and in a bounded cache of committed links so the command path
 * rarely reads it. The table is the chain's anchor kept apart from the events: an aggregate's
 * newest events removed leave its chain shorter than its head.
 */
final class ChainHeads {

    /** Committed heads kept in memory; past this the cache starts over rather than grow. */
    static final int CACHED_CHAIN_HEADS_MAX = 200_000;

    /** One aggregate's newest link. */
    record Head(long sequence, String hash) {

        static final Head GENESIS = new Head(-1, EventHashChain.GENESIS);
    }

    /** The link an event stores, by aggregate and sequence: its {@code event_hash} column (version 2) or its metadata's (version 1). */
    static final String STORED_LINK = "SELECT " + EventHashChain.STORED_LINK_SQL
            + " FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?";

    private final Map<String, Head> committed = new ConcurrentHashMap<>();

    /**
     * The link each aggregate's next event follows, for {@code firstSequences} (aggregate to the
     * sequence of its first event in this append): from the cache when it holds exactly the
     * predecessor, else from the head table, else (the head is ahead: another transaction won the
     * race, and the append will fail on the unique sequence) from the predecessor's own row.
     *
     * @throws IllegalStateException when a predecessor is missing from the store
     */
    Map<String, Head> predecessors(Connection connection, Map<String, Long> firstSequences) throws SQLException {
        Map<String, Head> found = new HashMap<>();
        Map<String, Long> unknown = new TreeMap<>();
        firstSequences.forEach((aggregateId, sequence) -> {
            Head cached = committed.get(aggregateId);
            if (sequence == 0) {
                found.put(aggregateId, Head.GENESIS);
            } else if (cached != null && cached.sequence() == sequence - 1) {
                found.put(aggregateId, cached);
            } else {
                unknown.put(aggregateId, sequence - 1);
            }
        });
        if (unknown.isEmpty()) {
            return found;
        }
        Map<String, Head> stored = stored(connection, unknown.keySet());
        for (Map.Entry<String, Long> wanted : unknown.entrySet()) {
            Head head = stored.get(wanted.getKey());
            found.put(wanted.getKey(), head != null && head.sequence() == wanted.getValue()
                    ? head : linkOf(connection, wanted.getKey(), wanted.getValue()));
        }
        return found;
    }

    /**
     * Moves each aggregate's head to its newest link of this append, in aggregate order (two
     * transactions never wait on each other's heads crosswise). A head already further on is left:
     * that transaction's append fails on the unique sequence and is retried.
     */
    void advance(Connection connection, Map<String, Head> newest) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO event_chain_head (aggregate_identifier, sequence_number, "
                + "event_hash) VALUES (?, ?, ?) ON CONFLICT (aggregate_identifier) DO UPDATE SET sequence_number = excluded.sequence_number, "
                + "event_hash = excluded.event_hash WHERE event_chain_head.sequence_number < excluded.sequence_number")) {
            for (Map.Entry<String, Head> head : new TreeMap<>(newest).entrySet()) {
                upsert.setString(1, head.getKey());
                upsert.setLong(2, head.getValue().sequence());
                upsert.setString(3, head.getValue().hash());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        rememberAfterCommit(newest);
    }

    /** Only committed links are trusted later: a rolled-back event must never become anyone's predecessor. */
    private void rememberAfterCommit(Map<String, Head> heads) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> {
            if (committed.size() > CACHED_CHAIN_HEADS_MAX) {
                committed.clear();
            }
            committed.putAll(heads);
        });
    }

    private static Map<String, Head> stored(Connection connection, Collection<String> aggregateIds) throws SQLException {
        Map<String, Head> heads = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT aggregate_identifier, sequence_number, event_hash FROM event_chain_head WHERE aggregate_identifier = ANY (?)")) {
            Array ids = connection.createArrayOf("varchar", aggregateIds.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    heads.put(rows.getString(1), new Head(rows.getLong(2), rows.getString(3)));
                }
            }
        }
        return heads;
    }

    /** The link event {@code sequence} of {@code aggregateId} stores ({@link #STORED_LINK}). */
    static Head linkOf(Connection connection, String aggregateId, long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(STORED_LINK)) {
            query.setString(1, aggregateId);
            query.setLong(2, sequence);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    throw new IllegalStateException("event " + sequence + " of " + aggregateId + " is missing from the store or has no chain link");
                }
                return new Head(sequence, row.getString(1));
            }
        }
    }
}
