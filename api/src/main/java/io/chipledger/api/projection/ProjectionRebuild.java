package io.chipledger.api.projection;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds one read model from the start of history, in three steps, so that no read on any node
 * is answered from emptied tables and a failure leaves the projection as it was:
 * <ol>
 * <li><b>Mark</b>: with the processor stopped, claim every segment and store a {@link ReplayToken}
 * over its token, in one transaction. Every node's reads now answer {@code projection-rebuilding}
 * within {@link RebuildingProjections#ANSWER_TRUSTED_FOR}; the rebuild waits
 * {@link RebuildingProjections#SETTLE} for that, while the old rows are still whole.</li>
 * <li><b>Reset</b>: Axon's {@code resetTokens} in one transaction: the reset handlers empty the
 * tables, the dead-letter queue is emptied, the tokens become replay tokens from the start. Its
 * locks are waited for at most {@link #RESET_LOCK_WAIT_MAX}: a TRUNCATE queued behind a long read
 * would otherwise hold every later read of the table behind it.</li>
 * <li><b>Restore</b>, only when the reset failed: its transaction rolled back (old rows, old
 * parked events), and the tokens saved before the mark are stored again.</li>
 * </ol>
 * The processor is started again whatever happened. Processing pauses from the mark to the restart
 * (about two seconds); commands never wait for a projection, so none is refused.
 */
@Component
class ProjectionRebuild {

    /** How long the reset waits for the locks on the read model's tables (a TRUNCATE needs them all to itself). */
    static final Duration RESET_LOCK_WAIT_MAX = Duration.ofSeconds(5);
    /** PostgreSQL's SQLState for a lock not granted within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int CAUSE_LENGTH_MAX = 90;

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final EventProcessingConfiguration processing;
    private final RebuildingProjections rebuilding;
    private final ProjectionProgress progress;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final ProcessorRestarts restarts;

    ProjectionRebuild(EventProcessingConfiguration processing, RebuildingProjections rebuilding, ProjectionProgress progress,
                      PlatformTransactionManager transactionManager, JdbcTemplate jdbc, ProcessorRestarts restarts) {
        this.processing = processing;
        this.restarts = restarts;
        this.rebuilding = rebuilding;
        this.progress = progress;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /**
     * Rebuilds {@code name}; returns once its tables are emptied and the processor replays. One
     * rebuild at a time on a node: a second request waits for the first, then rebuilds again (safe).
     *
     * @throws RebuildRefusedException another node holds one of its segments; nothing was changed
     * @throws RebuildFailedException the mark or the reset failed (a lock not granted in time, a
     *         database error); the old rows and tokens are kept, unless the detail says the tokens
     *         could not be restored
     */
    synchronized void rebuild(String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("projection " + name + " has no streaming processor"));
        TokenStore tokens = processing.tokenStore(name);
        try {
            restarts.pause(processor);
            Map<Integer, TrackingToken> before = mark(name, tokens);
            rebuilding.forget();
            settle();
            try {
                reset(processor);
            } catch (RuntimeException failed) {
                throw restored(name, tokens, before, failed);
            }
        } finally {
            // What this node saw before the reset must not answer reads while the read model is rebuilt.
            progress.forget(name);
            rebuilding.forget();
            restarts.resume(processor);
        }
    }

    /** Stores a replay token over every segment's token; answers the tokens it replaced, by segment. */
    private Map<Integer, TrackingToken> mark(String name, TokenStore tokens) {
        try {
            return transactions.execute(status -> {
                Map<Integer, TrackingToken> before = new LinkedHashMap<>();
                for (int segment : tokens.fetchSegments(name)) {
                    TrackingToken token = tokens.fetchToken(name, segment);
                    before.put(segment, token);
                    tokens.storeToken(ReplayToken.createReplayToken(token, null), name, segment);
                }
                return before;
            });
        } catch (UnableToClaimTokenException ownedElsewhere) {
            // Rolled back: nothing was marked, and the projection goes on as before.
            throw new RebuildRefusedException(name);
        } catch (RuntimeException failed) {
            log.warn("Rebuild of projection {} failed before anything was reset", name, failed);
            throw new RebuildFailedException(name, reason(failed), true);
        }
    }

    private void settle() {
        try {
            TimeUnit.NANOSECONDS.sleep(RebuildingProjections.SETTLE.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rebuild waited for every node to refuse reads", e);
        }
    }

    private void reset(StreamingEventProcessor processor) {
        // Axon's transaction joins this one, so the lock bound covers the reset handlers' TRUNCATE.
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '" + RESET_LOCK_WAIT_MAX.toMillis() + "ms'");
            processor.resetTokens();
        });
    }

    /** Puts back the tokens saved before the mark; answers the problem to throw, which says whether that worked. */
    private RebuildFailedException restored(String name, TokenStore tokens, Map<Integer, TrackingToken> before, RuntimeException failed) {
        log.warn("Reset of projection {} failed; its rows were kept, putting its tokens back", name, failed);
        try {
            transactions.executeWithoutResult(status -> before.forEach((segment, token) -> {
                tokens.fetchToken(name, segment);
                tokens.storeToken(token, name, segment);
            }));
            return new RebuildFailedException(name, reason(failed), true);
        } catch (RuntimeException restoreFailed) {
            log.error("Could not put back the tokens of projection {}: it replays the whole history over its old rows", name,
                    restoreFailed);
            return new RebuildFailedException(name, reason(failed), false);
        }
    }

    /** Why, in words an operator can act on: a lock wait, or PostgreSQL's own message, cut short. */
    static String reason(Throwable failed) {
        SQLException sql = null;
        for (Throwable cause = failed; cause != null && sql == null; cause = cause.getCause()) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql == null) {
            return "the database could not be reached or refused the change";
        }
        if (LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
            return "another transaction held its tables for over " + RESET_LOCK_WAIT_MAX.toSeconds() + " s";
        }
        String message = String.valueOf(sql.getMessage()).lines().findFirst().orElse("").strip();
        return "PostgreSQL refused it (" + (message.length() <= CAUSE_LENGTH_MAX ? message : message.substring(0, CAUSE_LENGTH_MAX) + "…")
                + ")";
    }
}
