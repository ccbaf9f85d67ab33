package io.chipledger.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.DaemonThreads;
import io.chipledger.api.analytics.ClickHouseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Store verifications started through the audit API: {@link StoreVerification} on a connection of
 * its own, in the background, one at a time per node, with its progress and result kept in
 * {@code audit_verification}. A verification only reads, so it can be started again at any time;
 * one whose node stopped shows as {@code interrupted} once its heartbeat is a minute old.
 */
@Component
class AuditVerifications implements DisposableBean {

    /** A running verification writes its progress at least this often; older than twice this, it is taken for interrupted. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(AuditVerifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("audit-verification"));
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Beats for the running verification while it waits on the database too (a lock, a slow query), not only as it progresses. */
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("audit-verification-heartbeat"));

    private final ClickHouseSettings clickHouse;

    AuditVerifications(DataSource dataSource, JdbcTemplate jdbc, Clock clock, ClickHouseSettings clickHouse) {
        this.clickHouse = clickHouse;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A verification as the API shows it; {@code failures} are the first 1,000, {@code failureCount} all of them;
     * {@code notes} say what could not be compared (a read model behind or being rebuilt).
     */
    record Verification(UUID verificationId, String requestedBy, String status, Instant startedAt, Instant finishedAt,
                        long eventsTotal, long eventsChecked, long aggregatesChecked, long checkpointsChecked, long failureCount,
                        List<StoreVerification.Failure> failures, List<String> notes, String error) {
    }

    /** Starts a verification of the whole store; refused while this node runs one. */
    Verification start(String requestedBy) {
        if (!busy.compareAndSet(false, true)) {
            throw new VerificationRunningException();
        }
        try {
            UUID id = UUID.randomUUID();
            Timestamp now = Timestamp.from(clock.instant());
            long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            jdbc.update("INSERT INTO audit_verification (verification_id, requested_by, started_at, heartbeat_at, status, events_total) "
                    + "VALUES (?, ?, ?, ?, 'running', ?)", id, requestedBy, now, now, total);
            worker.execute(() -> run(id));
            return find(id).orElseThrow();
        } catch (RuntimeException failed) {
            busy.set(false);
            throw failed;
        }
    }

    Optional<Verification> find(UUID id) {
        return jdbc.query("SELECT verification_id, requested_by, status, started_at, finished_at, events_total, events_checked, "
                + "aggregates_checked, failure_count, failures, error, heartbeat_at, checkpoints_checked, notes FROM audit_verification WHERE verification_id = ?",
                (row, i) -> {
                    String status = row.getString(3);
                    boolean silent = row.getTimestamp(12).toInstant().isBefore(clock.instant().minus(HEARTBEAT.multipliedBy(2)));
                    return new Verification(row.getObject(1, UUID.class), row.getString(2),
                            status.equals("running") && silent ? "interrupted" : status, row.getTimestamp(4).toInstant(),
                            row.getTimestamp(5) == null ? null : row.getTimestamp(5).toInstant(), row.getLong(6), row.getLong(7),
                            row.getLong(8), row.getLong(13), row.getLong(9), failures(row.getString(10)), notes(row.getString(14)),
                            row.getString(11));
                }, id).stream().findFirst();
    }

    /** ClickHouse, to reconcile its postings with the store; null when analytics is off or it does not answer (the report notes it). */
    private Connection analytics() {
        if (!clickHouse.on()) {
            return null;
        }
        try {
            return clickHouse.connect();
        } catch (SQLException away) {
            log.warn("the verification runs without ClickHouse, which did not answer: {}", away.getMessage());
            return null;
        }
    }

    private void run(UUID id) {
        Instant[] lastBeat = {clock.instant()};
        ScheduledFuture<?> beats = heart.scheduleWithFixedDelay(() -> beat(id), HEARTBEAT.toMillis() / 2, HEARTBEAT.toMillis() / 2,
                TimeUnit.MILLISECONDS);
        try (Connection connection = dataSource.getConnection(); Connection analytics = analytics()) {
            StoreVerification.Report report = StoreVerification.run(connection, analytics, checked -> {
                if (clock.instant().isAfter(lastBeat[0].plus(HEARTBEAT)) || checked % (10 * StoreVerification.PROGRESS_EVERY_EVENTS) == 0) {
                    lastBeat[0] = clock.instant();
                    jdbc.update("UPDATE audit_verification SET events_checked = ?, heartbeat_at = ? WHERE verification_id = ?",
                            checked, Timestamp.from(lastBeat[0]), id);
                }
            });
            Timestamp now = Timestamp.from(clock.instant());
            // events_total was counted as the run started, for its progress; the store read then may hold events
            // appended since (commands go on), so the finished run's total is what it checked.
            jdbc.update("UPDATE audit_verification SET status = ?, events_checked = ?, events_total = ?, aggregates_checked = ?, "
                    + "failure_count = ?, failures = ?, finished_at = ?, heartbeat_at = ?, checkpoints_checked = ?, notes = ? "
                    + "WHERE verification_id = ?",
                    report.clean() ? "clean" : "failures_found", report.eventsChecked(), report.eventsChecked(), report.aggregatesChecked(),
                    report.failureCount(), JSON.writeValueAsString(report.failures()), now, now, report.checkpointsChecked(),
                    JSON.writeValueAsString(report.notes()), id);
            log.info("Store verification {}: {} events of {} aggregates, {} failures", id, report.eventsChecked(),
                    report.aggregatesChecked(), report.failureCount());
        } catch (SQLException | JsonProcessingException | RuntimeException failed) {
            log.error("Store verification {} could not run", id, failed);
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.update("UPDATE audit_verification SET status = 'failed', error = ?, finished_at = ?, heartbeat_at = ? WHERE verification_id = ?",
                    "the verification could not run: " + failed.getClass().getSimpleName(), now, now, id);
        } finally {
            beats.cancel(false);
            busy.set(false);
        }
    }

    private void beat(UUID id) {
        try {
            jdbc.update("UPDATE audit_verification SET heartbeat_at = ? WHERE verification_id = ? AND status = 'running'",
                    Timestamp.from(clock.instant()), id);
        } catch (RuntimeException missed) {
            log.warn("heartbeat of verification {} not written; the next one tries again", id, missed);
        }
    }

    private static List<StoreVerification.Failure> failures(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored verification report no longer reads", unreadable);
        }
    }

    private static List<String> notes(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored verification report no longer reads", unreadable);
        }
    }

    @Override
    public void destroy() {
        heart.shutdownNow();
        worker.shutdownNow();
    }
}
