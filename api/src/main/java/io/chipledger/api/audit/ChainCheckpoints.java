package io.chipledger.api.audit;

import io.chipledger.api.LedgerProperties;
import io.chipledger.core.audit.CheckpointChain;
import io.chipledger.core.audit.EventHashChain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the store's checkpoints ({@link CheckpointChain}) in {@code chain_checkpoint}, in the
 * background, every {@code chipledger.audit.checkpoint-every} (default one minute).
 *
 * <p>A checkpoint may only seal positions no transaction can still fill: events commit out of
 * position order, and an append transaction may stay open up to the group commit's answer bound
 * ({@code AppendTransactionBound}). So each run notes the newest position, and seals up to a
 * position noted at least twice that bound ago. At most {@link #EVENTS_PER_CHECKPOINT_MAX} events
 * go into one checkpoint; a store with more behind (the first run after the upgrade) gets several,
 * each committed on its own, so a stop resumes after the last. Several nodes take turns through a
 * PostgreSQL advisory lock; a failed run is logged and the next one starts again from the last
 * checkpoint.
 */
@Component
class ChainCheckpoints {

    static final int EVENTS_PER_CHECKPOINT_MAX = 100_000;
    /** Positions noted and not sealed yet; past this the oldest are dropped (they are only candidates). */
    static final int NOTED_POSITIONS_MAX = 1_000;
    private static final long ADVISORY_LOCK = 0x43484B50L;
    private static final Logger log = LoggerFactory.getLogger(ChainCheckpoints.class);

    /** One stored checkpoint, as the audit API shows it. */
    record Checkpoint(long position, long previousPosition, long events, String checkpointHash, Instant madeAt) {
    }

    private record Noted(Instant at, long position) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration settled;
    private final Deque<Noted> noted = new ArrayDeque<>();

    ChainCheckpoints(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.settled = properties.groupCommit().answerWaitMax().multipliedBy(2);
    }

    @Scheduled(fixedDelayString = "${chipledger.audit.checkpoint-every:PT1M}", initialDelayString = "${chipledger.audit.checkpoint-every:PT1M}")
    void checkpoint() {
        try {
            Long settledPosition = settledPosition(clock.instant());
            if (settledPosition != null) {
                sealThrough(settledPosition);
            }
        } catch (RuntimeException failed) {
            log.warn("checkpoint not made this time, the next run starts again from the last one", failed);
        }
    }

    /** Notes the head, and answers the newest position noted at least {@link #settled} ago (null: none yet). */
    private synchronized Long settledPosition(Instant now) {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        noted.addLast(new Noted(now, head == null ? 0 : head));
        if (noted.size() > NOTED_POSITIONS_MAX) {
            noted.removeFirst();
        }
        Long settledPosition = null;
        while (!noted.isEmpty() && !noted.peekFirst().at().isAfter(now.minus(settled))) {
            settledPosition = noted.removeFirst().position();
        }
        return settledPosition;
    }

    /** Seals checkpoints up to {@code position}: every event up to it has committed. Safe to repeat. */
    void sealThrough(long position) {
        boolean more = true;
        while (more) {
            more = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, ADVISORY_LOCK))) {
                    return false;
                }
                return sealNext(position);
            }));
        }
    }

    /** One checkpoint after the last, through at most {@link #EVENTS_PER_CHECKPOINT_MAX} events; answers whether more remain. */
    private boolean sealNext(long position) {
        List<Checkpoint> last = jdbc.query("SELECT position, previous_position, events, checkpoint_hash, made_at FROM chain_checkpoint "
                + "ORDER BY position DESC LIMIT 1", (row, i) -> checkpoint(row));
        long from = last.isEmpty() ? 0 : last.get(0).position();
        if (from >= position) {
            return false;
        }
        CheckpointChain chain = new CheckpointChain(last.isEmpty() ? EventHashChain.GENESIS : last.get(0).checkpointHash(), from);
        long[] through = {from};
        jdbc.query("SELECT global_index, " + EventHashChain.STORED_LINK_SQL + " FROM domain_event_entry "
                + "WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?", row -> {
            chain.add(row.getLong(1), String.valueOf(row.getString(2)));
            through[0] = row.getLong(1);
        }, from, position, EVENTS_PER_CHECKPOINT_MAX);
        boolean full = chain.events() == EVENTS_PER_CHECKPOINT_MAX;
        long sealed = full ? through[0] : position;
        long events = chain.events();
        String hash = chain.seal(sealed);
        jdbc.update("INSERT INTO chain_checkpoint (position, previous_position, events, checkpoint_hash, made_at) VALUES (?, ?, ?, ?, ?)",
                sealed, from, events, hash, java.sql.Timestamp.from(clock.instant()));
        log.info("checkpoint at position {}: {} events since {}, {}", sealed, events, from, hash);
        return full;
    }

    /** The checkpoints after {@code after}, oldest first, at most {@code limit}. */
    List<Checkpoint> list(long after, int limit) {
        return jdbc.query("SELECT position, previous_position, events, checkpoint_hash, made_at FROM chain_checkpoint WHERE position > ? "
                + "ORDER BY position LIMIT ?", (row, i) -> checkpoint(row), after, limit);
    }

    private static Checkpoint checkpoint(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Checkpoint(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4), row.getTimestamp(5).toInstant());
    }
}
