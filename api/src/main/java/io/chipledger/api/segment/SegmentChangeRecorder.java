package io.chipledger.api.segment;

import io.chipledger.api.job.Job;
import io.chipledger.api.job.JobSweep;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.core.segment.RecordPlayerSegmentChange;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records in the ledger the segment changes the segment processor decided (issue 17): each row of
 * {@code segment_change_outbox} (written with the processor's token, so none is lost) becomes a
 * {@link RecordPlayerSegmentChange} under the actor {@value #ACTOR}, and so a
 * {@code segment.PlayerSegmentChangedEvent} that the Kafka publisher sends on
 * {@code player.segment.changed}; then it leaves the outbox.
 * <ul>
 * <li>Once: a change's id is its player's and cause's, and the store holds one aggregate per id. A
 * change already recorded (a rebuild decides every change again, another node, a crash between
 * the command and the delete) is only removed from the outbox, after one query for the sweep.</li>
 * <li>In order: a sweep takes a player's oldest change only, so their changes enter the ledger in
 * the order they were decided; a sweep's changes are recorded by {@value #RECORDING_THREADS}
 * threads at once, each change in its own transaction (PostgreSQL commits them together).</li>
 * <li>Nothing holds up the rest: a change that cannot be recorded is parked (job
 * {@code segment-changes}, listed and retried like every parked job item) and the others go on.</li>
 * </ul>
 */
@Component
class SegmentChangeRecorder {

    static final String ACTOR = "system:segments";
    static final int CHANGES_PER_SWEEP_MAX = 500;
    /** Sweeps run back to back while the outbox is full, for at most this long, then wait for the next run. */
    static final long BUSY_MILLIS_MAX = 10_000;
    static final Job JOB = Job.SEGMENT_CHANGES;
    /** Changes recorded at once: more than the cores, as each waits mostly for its commit (docs/performance.md). */
    static final int RECORDING_THREADS = 4;
    private static final Logger log = LoggerFactory.getLogger(SegmentChangeRecorder.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final ParkedJobItems parked;
    private final Clock clock;
    private final ExecutorService recording = Executors.newFixedThreadPool(RECORDING_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "segment-change-recorder");
        thread.setDaemon(true);
        return thread;
    });

    SegmentChangeRecorder(JdbcTemplate jdbc, CommandGateway commands, ParkedJobItems parked, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.parked = parked;
        this.clock = clock;
    }

    /** Sweeps until the outbox holds fewer than a sweep's worth, or {@value #BUSY_MILLIS_MAX} ms have gone. */
    @Scheduled(fixedDelayString = "${chipledger.segments.change-sweep:PT1S}")
    synchronized void recordDecidedChanges() {
        long until = System.nanoTime() + BUSY_MILLIS_MAX * 1_000_000;
        while (sweep() && System.nanoTime() < until) {
            // The outbox was full: go on at once, a rebuild or a pass may have put many changes there.
        }
    }

    /** One sweep; answers whether it found a full sweep's worth. */
    boolean sweep() {
        Instant startedAt = clock.instant();
        List<RecordPlayerSegmentChange> due = jdbc.query("SELECT o.change_id, o.partner_id, o.player_id, o.from_segment, o.to_segment, "
                        + "o.rule_id, o.rule_name, o.reason, o.cause_event_id, o.changed_at FROM segment_change_outbox o WHERE NOT EXISTS "
                        + "(SELECT 1 FROM parked_job_item p WHERE p.job = ? AND p.item_key = o.change_id AND p.retry_requested_at IS NULL) "
                        + "ORDER BY o.seq LIMIT ?",
                (row, index) -> new RecordPlayerSegmentChange(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                        row.getTimestamp(10).toInstant()),
                JOB.jobName(), CHANGES_PER_SWEEP_MAX);
        List<RecordPlayerSegmentChange> oldestOfEachPlayer = new ArrayList<>();
        Set<String> players = new HashSet<>();
        for (RecordPlayerSegmentChange change : due) {
            if (players.add(change.partnerId() + ":" + change.playerId())) {
                oldestOfEachPlayer.add(change);
            }
        }
        Set<String> recorded = recorded(oldestOfEachPlayer.stream().map(RecordPlayerSegmentChange::changeId).toList());
        Map<String, CompletableFuture<Object>> sent = new HashMap<>();
        for (RecordPlayerSegmentChange change : oldestOfEachPlayer) {
            if (!recorded.contains(change.changeId())) {
                sent.put(change.changeId(), CompletableFuture.supplyAsync(() -> commands.sendAndWait(GenericCommandMessage
                        .asCommandMessage(change).andMetaData(Map.of("actor", ACTOR, "partner_id", change.partnerId()))), recording));
            }
        }
        JobSweep.run(JOB, parked, startedAt, oldestOfEachPlayer, CHANGES_PER_SWEEP_MAX, RecordPlayerSegmentChange::changeId,
                change -> settle(change, sent.get(change.changeId())), this::park);
        return due.size() == CHANGES_PER_SWEEP_MAX;
    }

    /** Waits for the change's command (none: it was recorded already), then takes it out of the outbox. */
    private void settle(RecordPlayerSegmentChange change, CompletableFuture<Object> command) {
        if (command != null) {
            try {
                command.join();
            } catch (CompletionException failed) {
                if (recorded(List.of(change.changeId())).isEmpty()) {
                    throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
                // Recorded meanwhile by another node: the same change, so nothing is lost or doubled.
            }
        }
        jdbc.update("DELETE FROM segment_change_outbox WHERE change_id = ?", change.changeId());
    }

    /** Which of these changes the store holds already: their aggregates exist. */
    private Set<String> recorded(List<String> changeIds) {
        if (changeIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier = ANY (?)");
            statement.setArray(1, connection.createArrayOf("varchar", changeIds.toArray()));
            return statement;
        }, (row, index) -> row.getString(1)));
    }

    @PreDestroy
    void stop() {
        recording.shutdownNow();
    }

    /** Logged once, here: the parked change is left out of the sweeps until an operator retries it. */
    private void park(RecordPlayerSegmentChange change, RuntimeException failed) {
        int attempts = parked.park(JOB, change.changeId(), Map.of("change_id", change.changeId(), "partner_id", change.partnerId(),
                "player_id", change.playerId()), failed);
        log.warn("parked segment change {} of {}:{} after {} failed attempt(s), until an operator retries it "
                + "(POST /admin/v1/jobs/parked/{}/retry): {}", change.changeId(), change.partnerId(), change.playerId(), attempts,
                JOB.jobName(), failed.toString());
    }
}
