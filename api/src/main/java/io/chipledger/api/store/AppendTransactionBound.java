package io.chipledger.api.store;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.command.LedgerBusyException;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * No transaction that appends events stays open longer than {@code chipledger.group-commit.answer-wait-max}
 * (10 s by default): one that has not reached its commit by then is rolled back, and its callers
 * are told the ledger is busy (503, retry with the same idempotency key).
 *
 * <p>Why: an event's global position is taken when it is appended, but it becomes visible only
 * when its transaction commits. Until then tracking processors see a gap, and Axon's JDBC engine
 * gives up waiting for a gap after its gap timeout (or once {@link #MAX_GAP_OFFSET} newer events
 * were read); an event committed later than that would never reach any projection. The engine's
 * settings are derived from this bound ({@link #gapTimeout}), so a transaction that is allowed to
 * commit is always waited for. The check runs after the events are appended, just before the
 * commit: a transaction that is slow anywhere before it is caught there.
 */
@Component
public class AppendTransactionBound {

    /**
     * Newer events read past a gap before it is given up: more than the ledger appends while one
     * transaction may stay open (about 10,000 events per second on these machines, times 10 s,
     * with a hundredfold margin). Gaps are few (the transactions in flight), so a wide window costs little.
     */
    public static final int MAX_GAP_OFFSET = 10_000_000;
    /** A token holds at most this many gaps before the engine looks for timed-out ones: Axon's default. */
    public static final int GAP_CLEANING_THRESHOLD = 250;
    /** Axon's default gap timeout; the bound only ever makes it longer. */
    static final Duration GAP_TIMEOUT_MIN = Duration.ofMinutes(1);

    private final Duration max;
    private final JdbcTemplate jdbc;

    AppendTransactionBound(LedgerProperties properties, CommandBus commandBus, JdbcTemplate jdbc) {
        this.max = properties.groupCommit().answerWaitMax();
        this.jdbc = jdbc;
        commandBus.registerHandlerInterceptor(this::boundCommandsOfTheirOwn);
    }

    /**
     * How long a gap is waited for: an event may be created up to one bound before an older
     * position commits, and read up to one bound after, so three bounds (at least Axon's minute).
     */
    public static Duration gapTimeout(Duration transactionMax) {
        Duration derived = transactionMax.multipliedBy(3);
        return derived.compareTo(GAP_TIMEOUT_MIN) > 0 ? derived : GAP_TIMEOUT_MIN;
    }

    /**
     * Asks PostgreSQL to end the current transaction if it idles longer than the bound. The bound
     * is checked in the JVM just before the commit; a node that stalls after the check (a
     * garbage-collection storm held one for minutes, its events' positions taken) would commit
     * after the other nodes' processors gave up on the gap, and its events would reach no
     * projection. Only appending transactions carry the limit: long read-only snapshots (exports,
     * verifications) and the processors do not.
     */
    public void limitIdleTime() {
        jdbc.execute("SET LOCAL idle_in_transaction_session_timeout = " + max.toMillis());
    }

    /** Refuses to commit {@code root} if it was started more than the bound ago; registered after its events are appended. */
    public void enforceOn(UnitOfWork<?> root, long startedNanos) {
        root.onPrepareCommit(committing -> check(startedNanos, System.nanoTime()));
    }

    void check(long startedNanos, long nowNanos) {
        if (nowNanos - startedNanos > max.toNanos()) {
            throw new LedgerBusyException("the transaction stayed open longer than " + max + " and was rolled back; nothing was "
                    + "recorded: send the same request again with the same idempotency key");
        }
    }

    /**
     * Commands sent on their own (partners, admin keys) rather than in a group: the bound starts
     * when their unit of work does. Commands of a group are nested, and their group is bounded.
     */
    private Object boundCommandsOfTheirOwn(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                           InterceptorChain chain) throws Exception {
        long started = System.nanoTime();
        if (unitOfWork.isRoot()) {
            limitIdleTime();
        }
        Object result = chain.proceed();
        if (unitOfWork.isRoot()) {
            // Registered after the handler, so after the event bus's own append.
            enforceOn(unitOfWork, started);
        }
        return result;
    }
}
