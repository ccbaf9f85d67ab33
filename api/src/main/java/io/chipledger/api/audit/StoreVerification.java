package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.audit.ChainCheckpoints.Checkpoint;
import io.chipledger.core.audit.CheckpointChain;
import io.chipledger.core.audit.EventHashChain;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Verifies the event store, read-only, with no code of the ledger's but the formulas of
 * {@code io.chipledger.core.audit}. From the database, in one snapshot: every aggregate's events in
 * (aggregate, sequence) order through {@link AggregateCheck} (sequence, chain link by version,
 * postings, balances, snapshots, the anchored head in {@code event_chain_head}); heads and
 * snapshots with no event under them; the read models ({@link ReadModelCheck}); then every link in
 * position order against the checkpoints, the stored ones and those an auditor kept. From an export
 * ({@link AuditExport}): the same chain, postings and checkpoint checks on the file's bytes, against
 * its manifest. Each failure is named at its aggregate, sequence and global position, with what was
 * expected and found.
 *
 * <p>Memory: from the database, one aggregate's state at a time plus the read-model batches; from
 * an export, one state per aggregate in it. At most {@link #FAILURES_KEPT} failures are kept (all
 * are counted).
 */
public final class StoreVerification {

    /** Failures kept for the report; past this they are only counted. */
    public static final int FAILURES_KEPT = 1_000;
    /** Progress is reported this often (a caller may show less of it). */
    public static final int PROGRESS_EVERY_EVENTS = 1_000;

    /** One thing found wrong, where it is, and what was expected and found. */
    public record Failure(String aggregateId, long sequence, long globalPosition, String check, String expected, String found) {
    }

    /**
     * The outcome: how many events and checkpoints were checked, every failure counted, the first
     * {@link #FAILURES_KEPT} kept, and notes on what could not be compared (a projection behind or
     * being rebuilt).
     */
    public record Report(long eventsChecked, long aggregatesChecked, long checkpointsChecked, long failureCount, List<Failure> failures,
                         List<String> notes) {

        public boolean clean() {
            return failureCount == 0;
        }
    }

    private final Failures failures = new Failures();
    private final List<String> notes = new ArrayList<>();
    private final long version2From;
    private long events;
    private long aggregates;
    private long checkpointsChecked;

    private StoreVerification(long version2From) {
        this.version2From = version2From;
    }

    /**
     * Verifies the whole store on {@code connection}, and ClickHouse's postings against it when
     * {@code clickHouse} is given (null: not compared, noted); {@code progress} is told the events read so far.
     */
    public static Report run(Connection connection, Connection clickHouse, LongConsumer progress) throws SQLException {
        return run(connection, clickHouse, progress, List.of());
    }

    /** As {@link #run(Connection, Connection, LongConsumer)}, and holds the store to the checkpoints an auditor {@code kept}. */
    public static Report run(Connection connection, Connection clickHouse, LongConsumer progress, List<Checkpoint> kept)
            throws SQLException {
        return StoreSnapshot.read(connection, snapshot -> {
            StoreVerification verification = new StoreVerification(StoreSnapshot.version2From(snapshot));
            ReadModelCheck readModels = new ReadModelCheck(snapshot, verification.failures);
            AnalyticsCheck analytics = AnalyticsCheck.of(snapshot, clickHouse, verification.failures);
            AggregateCheck[] current = {null};
            try {
                StoreSnapshot.events(snapshot, anchored -> {
                    StoredEvent event = anchored.event();
                    if (current[0] == null || !current[0].id.equals(event.aggregateId())) {
                        verification.ended(current[0], readModels);
                        current[0] = new AggregateCheck(event.aggregateId(), verification.failures, verification.version2From, 0,
                                EventHashChain.GENESIS);
                        current[0].anchoredHead = anchored.head();
                        verification.aggregates++;
                    }
                    JsonNode payload = current[0].accept(event);
                    if (anchored.snapshot() != null) {
                        current[0].snapshot(anchored.snapshot(), event.sequence(), event.globalPosition());
                    }
                    if (current[0].wallet && payload != null) {
                        sql(() -> readModels.event(current[0], event, payload));
                        analytics.event(current[0].id, event, payload);
                    } else if (current[0].profile && payload != null) {
                        readModels.profileEvent(event, payload);
                    }
                    verification.counted(progress);
                });
            } catch (UncheckedSqlException failed) {
                throw failed.getCause();
            }
            verification.ended(current[0], readModels);
            for (StoreSnapshot.Orphan orphan : StoreSnapshot.orphans(snapshot)) {
                verification.failures.add(orphan.aggregateId(), orphan.sequence(), -1, orphan.what() + " without its event",
                        "event " + orphan.sequence() + " stored", "no such event (history removed under it)");
            }
            readModels.finish();
            analytics.finish(readModels.notes());
            verification.checkpoints(snapshot, StoreSnapshot.checkpoints(snapshot), kept);
            verification.notes.addAll(0, readModels.notes());
            return verification.report(progress, verification.notes);
        });
    }

    /** Verifies an export ({@link AuditExport}) instead of the database, against its manifest and the checkpoints an auditor {@code kept}. */
    public static Report run(Path export, LongConsumer progress, List<Checkpoint> kept) throws IOException {
        AuditExport.Manifest manifest = AuditExport.readManifest(export);
        StoreVerification verification = new StoreVerification(manifest.version2From());
        Map<String, AggregateCheck> chains = new HashMap<>();
        Checkpoints checkpoints = verification.new Checkpoints("the manifest", manifest.previousCheckpoint(), merged(manifest.checkpoints(), kept),
                manifest.checkpoints(), kept);
        AuditExport.read(export, event -> {
            AggregateCheck chain = chains.computeIfAbsent(event.aggregateId(), id -> {
                AuditExport.ChainHead start = manifest.chainStarts().get(id);
                verification.aggregates++;
                return start == null ? new AggregateCheck(id, verification.failures, manifest.version2From(), 0, EventHashChain.GENESIS)
                        : new AggregateCheck(id, verification.failures, manifest.version2From(), start.sequence() + 1, start.hash());
            });
            chain.accept(event);
            checkpoints.add(event.globalPosition(), String.valueOf(event.storedHash()));
            verification.counted(progress);
        }, line -> verification.failures.add("(export line " + line + ")", -1, -1, "line", "one event as JSON",
                "a line that does not read as JSON (the file was cut or altered)"));
        checkpoints.finish(manifest.throughPosition());
        if (manifest.events() != verification.events) {
            verification.failures.add("(export)", -1, -1, "events in the export", Long.toString(manifest.events()),
                    Long.toString(verification.events));
        }
        for (Map.Entry<String, AuditExport.ChainHead> head : new TreeMap<>(manifest.chains()).entrySet()) {
            AggregateCheck chain = chains.get(head.getKey());
            if (chain == null) {
                verification.failures.add(head.getKey(), head.getValue().sequence(), -1, "chain in the export", head.getValue().toString(),
                        "no event of it");
            } else {
                chain.endsAt(head.getValue(), "the manifest");
            }
        }
        return verification.report(progress, List.of());
    }

    /** The number of events the store holds, for a progress bar. */
    public static long eventCount(Connection connection) throws SQLException {
        return StoreSnapshot.eventCount(connection);
    }

    private void ended(AggregateCheck aggregate, ReadModelCheck readModels) {
        if (aggregate == null) {
            return;
        }
        aggregate.endsAt(aggregate.anchoredHead, "event_chain_head");
        if (aggregate.wallet) {
            sql(() -> readModels.walletEnded(aggregate));
        } else if (aggregate.profile) {
            sql(() -> readModels.profileEnded(aggregate));
        }
    }

    private void counted(LongConsumer progress) {
        if (++events % PROGRESS_EVERY_EVENTS == 0) {
            progress.accept(events);
        }
    }

    /** Every link in position order, sealed at each checkpoint position (stored or kept), compared with both. */
    private void checkpoints(Connection connection, List<Checkpoint> stored, List<Checkpoint> kept) throws SQLException {
        Checkpoints checkpoints = new Checkpoints("chain_checkpoint", null, merged(stored, kept), stored, kept);
        try {
            StoreSnapshot.links(connection, checkpoints::add);
        } catch (UncheckedSqlException failed) {
            throw failed.getCause();
        }
        checkpoints.finish(Long.MIN_VALUE);
        notes.add(stored.isEmpty() ? "the store has no checkpoint yet: only the chain heads anchor its events"
                : "the newest checkpoint is at position " + stored.get(stored.size() - 1).position() + "; " + checkpoints.unsealed
                + " events after it are anchored by the chain heads only");
    }

    private static List<Long> merged(List<Checkpoint> stored, List<Checkpoint> kept) {
        java.util.TreeSet<Long> positions = new java.util.TreeSet<>();
        stored.forEach(checkpoint -> positions.add(checkpoint.position()));
        kept.forEach(checkpoint -> positions.add(checkpoint.position()));
        return new ArrayList<>(positions);
    }

    /** The recomputation of the checkpoints over links coming in position order. */
    private final class Checkpoints {

        private final CheckpointChain chain;
        private final String storedIn;
        private final List<Long> positions;
        private final Map<Long, String> stored = new HashMap<>();
        private final Map<Long, String> kept = new HashMap<>();
        private int next;
        /** Links after the last checkpoint position. */
        long unsealed;
        private long lastAdded = Long.MIN_VALUE;

        Checkpoints(String storedIn, Checkpoint start, List<Long> positions, List<Checkpoint> stored, List<Checkpoint> kept) {
            this.storedIn = storedIn;
            this.chain = start == null ? new CheckpointChain(EventHashChain.GENESIS, 0) : new CheckpointChain(start.checkpointHash(), start.position());
            this.positions = positions.stream().filter(position -> position > chain.previousPosition()).toList();
            stored.forEach(checkpoint -> this.stored.put(checkpoint.position(), checkpoint.checkpointHash()));
            kept.forEach(checkpoint -> this.kept.put(checkpoint.position(), checkpoint.checkpointHash()));
        }

        void add(long position, String link) {
            if (position <= lastAdded) {
                // Only an export can come out of order (lines swapped or repeated): the database is read in position order.
                failures.add("(position " + position + ")", -1, position, "positions rise through the export", "more than " + lastAdded,
                        Long.toString(position));
                return;
            }
            lastAdded = position;
            while (next < positions.size() && position > positions.get(next)) {
                seal(positions.get(next++));
            }
            if (position > chain.previousPosition()) {
                chain.add(position, link);
            }
            if (next >= positions.size()) {
                unsealed++;
            }
        }

        /** Seals what is left: every checkpoint position at or before {@code through} (all of them: {@code Long.MIN_VALUE}). */
        void finish(long through) {
            while (next < positions.size() && (through == Long.MIN_VALUE || positions.get(next) <= through)) {
                seal(positions.get(next++));
            }
        }

        private void seal(long position) {
            String recomputed = chain.seal(position);
            checkpointsChecked++;
            String held = stored.get(position);
            if (held == null) {
                failures.add("(checkpoint " + position + ")", -1, position, "checkpoint in " + storedIn, "the checkpoint kept, "
                        + kept.get(position), "none");
            } else if (!held.equals(recomputed)) {
                failures.add("(checkpoint " + position + ")", -1, position, "checkpoint in " + storedIn
                        + " (an event at or before it was altered, removed or added)", held, recomputed);
            }
            String keptHash = kept.get(position);
            if (keptHash != null && !keptHash.equals(recomputed)) {
                failures.add("(checkpoint " + position + ")", -1, position, "checkpoint kept by the auditor (an event at or before it "
                        + "was altered, removed or added)", keptHash, recomputed);
            }
        }
    }

    private Report report(LongConsumer progress, List<String> notes) {
        progress.accept(events);
        return new Report(events, aggregates, checkpointsChecked, failures.count(), failures.kept(), List.copyOf(notes));
    }

    /** A database failure inside a row callback, carried out of it. */
    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    private static void sql(SqlStep step) {
        try {
            step.run();
        } catch (SQLException failed) {
            throw new UncheckedSqlException(failed);
        }
    }
}
