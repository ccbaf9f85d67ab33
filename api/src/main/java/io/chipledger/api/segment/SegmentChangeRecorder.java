package io.chipledger.api.segment;

import io.chipledger.api.DaemonThreads;
import io.chipledger.api.job.Job;
import io.chipledger.api.job.JobSweep;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.api.projection.ProjectionRebuildingException;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.core.segment.PlayerSegment;
import io.chipledger.core.segment.RecordPlayerSegment;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records in the ledger the segments the segment processor decided (issue 17): each row of
 * {@code segment_change_outbox} (a player's newest decision, written with the processor's token, so
 * none is lost) becomes a {@link RecordPlayerSegment} under the actor {@value #ACTOR}; the player's
 * {@link PlayerSegment} records a {@code segment.PlayerSegmentChangedEvent} when the segment is not
 * the one it recorded last, which the Kafka publisher sends on {@code player.segment.changed}.
 * Then the row leaves the outbox, unless a newer decision replaced it meanwhile.
 * <ul>
 * <li>Only final segments: nothing is recorded while the segments are rebuilt (the replay's
 * decisions are past ones until it is over).</li>
 * <li>Nothing twice: the aggregate compares with what it recorded, so a rebuild, a second node or a
 * crash between the command and the delete records nothing again; a second node's command that
 * lost the race for the player's next change is retried by the command gateway
 * ({@code ConcurrencyConflictRetryScheduler}), and then finds it.</li>
 * <li>{@value #RECORDING_THREADS} threads record a sweep's players at once, each in its own
 * transaction (PostgreSQL commits them together); a player is in one row, so in one command.</li>
 * <li>Nothing holds up the rest: a player whose segment cannot be recorded is parked (job
 * {@code segment-changes}, item {@code partner:player}, listed and retried like every parked job
 * item) and the others go on.</li>
 * </ul>
 */
@Component
class SegmentChangeRecorder {

    static final String ACTOR = "system:segments";
    static final int PLAYERS_PER_SWEEP_MAX = 500;
    /** Sweeps run back to back while the outbox is full, for at most this long, then wait for the next run. */
    static final long BUSY_MILLIS_MAX = 10_000;
    static final Job JOB = Job.SEGMENT_CHANGES;
    /** Players recorded at once: more than the cores, as each waits mostly for its commit (docs/performance.md). */
    static final int RECORDING_THREADS = 4;
    private static final Logger log = LoggerFactory.getLogger(SegmentChangeRecorder.class);

    private record Decided(String itemKey, RecordPlayerSegment command) {
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final ParkedJobItems parked;
    private final RebuildingProjections rebuilding;
    private final Clock clock;
    private final ExecutorService recording = Executors.newFixedThreadPool(RECORDING_THREADS, DaemonThreads.named("segment-change-recorder"));

    SegmentChangeRecorder(JdbcTemplate jdbc, CommandGateway commands, ParkedJobItems parked, RebuildingProjections rebuilding, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.parked = parked;
        this.rebuilding = rebuilding;
        this.clock = clock;
    }

    /**
     * Sweeps until the outbox holds fewer than a sweep's worth, or {@value #BUSY_MILLIS_MAX} ms have
     * gone; none while the segments are rebuilt, on any node (see {@link #sweep}).
     */
    @Scheduled(fixedDelayString = "${chipledger.segments.change-sweep:PT1S}")
    synchronized void recordDecidedSegments() {
        long until = System.nanoTime() + BUSY_MILLIS_MAX * 1_000_000;
        while (sweep() && System.nanoTime() < until) {
            // The outbox was full: go on at once, a pass may have put many players there.
        }
    }

    /**
     * One sweep; answers whether it found a full sweep's worth. While the segments are rebuilt the
     * outbox holds what the replay has decided so far, players' past segments: recording them would
     * tell the other services that VIPs are NEW again. So nothing is recorded until the replay is
     * over, when each player's row holds their rebuilt segment. A rebuild marks the tokens and waits
     * before its replay writes anything ({@link RebuildingProjections}), and the check comes first.
     */
    boolean sweep() {
        try {
            rebuilding.requireServing(PlayerSegmentProjection.GROUP);
        } catch (ProjectionRebuildingException rebuilt) {
            return false;
        }
        Instant startedAt = clock.instant();
        List<Decided> due = jdbc.query("SELECT o.partner_id, o.player_id, o.segment, o.rule_id, o.rule_name, o.reason, o.cause_event_id, "
                        + "o.decided_at FROM segment_change_outbox o WHERE NOT EXISTS (SELECT 1 FROM parked_job_item p WHERE p.job = ? "
                        + "AND p.item_key = o.partner_id || ':' || o.player_id AND p.retry_requested_at IS NULL) ORDER BY o.seq LIMIT ?",
                (row, index) -> new Decided(row.getString(1) + ":" + row.getString(2), new RecordPlayerSegment(
                        PlayerSegment.idOf(row.getString(1), row.getString(2)), row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getTimestamp(8).toInstant())),
                JOB.jobName(), PLAYERS_PER_SWEEP_MAX);
        Map<String, CompletableFuture<Object>> sent = new HashMap<>();
        for (Decided decided : due) {
            sent.put(decided.itemKey(), CompletableFuture.supplyAsync(() -> record(decided.command()), recording));
        }
        JobSweep.run(JOB, parked, startedAt, due, PLAYERS_PER_SWEEP_MAX, Decided::itemKey,
                decided -> settle(decided.command(), sent.get(decided.itemKey())), this::park);
        return due.size() == PLAYERS_PER_SWEEP_MAX;
    }

    private Object record(RecordPlayerSegment command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("actor", ACTOR, "partner_id", command.partnerId())));
    }

    /** Waits for the player's command, then takes their row out of the outbox unless a newer decision replaced it. */
    private void settle(RecordPlayerSegment command, CompletableFuture<Object> recorded) {
        try {
            recorded.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        jdbc.update("DELETE FROM segment_change_outbox WHERE partner_id = ? AND player_id = ? AND cause_event_id = ? AND segment = ?",
                command.partnerId(), command.playerId(), command.causeEventId(), command.segment());
    }

    @PreDestroy
    void stop() {
        recording.shutdownNow();
    }

    /** Logged once, here: the parked player is left out of the sweeps until an operator retries them. */
    private void park(Decided decided, RuntimeException failed) {
        int attempts = parked.park(JOB, decided.itemKey(), Map.of("partner_id", decided.command().partnerId(), "player_id",
                decided.command().playerId(), "segment", decided.command().segment()), failed);
        log.warn("parked the segment of {} after {} failed attempt(s), until an operator retries it (POST /admin/v1/jobs/parked/{}/retry): {}",
                decided.itemKey(), attempts, JOB.jobName(), failed.toString());
    }
}
