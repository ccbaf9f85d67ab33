package io.chipledger.projections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows one tracking projection writes, and what happens when one event's rows cannot be
 * written.
 *
 * <p><b>Batched.</b> A handler puts its rows with {@link #rows(String)}; they are kept for the event
 * and, when its handler returns, added to the processor's batch, which sends them to PostgreSQL as
 * one JDBC batch per statement when the batch commits (with its token, in the same transaction)
 * instead of one round trip per row. Rows are keyed: a later row under the same key replaces the
 * earlier one, so a wallet's balance changed ten times in a batch is written once. Only for writes
 * whose order between rows of one statement does not matter; the others go through
 * {@link #update}, at once. A handler that throws leaves none of its batched rows behind, so a
 * handler decides (and throws) before it writes anything with {@link #update}.
 *
 * <p><b>One event at a time after a failure.</b> A write PostgreSQL refuses (a value it cannot
 * store, a broken constraint) fails the whole batch, and in a batch nobody knows which event
 * caused it. So after any refused write the projection spends {@link #CAREFUL_FOR} writing each
 * event's rows at once, inside a savepoint: the event that fails is the one rolled back to its
 * savepoint and thrown from its handler, where the processor's dead-letter queue parks it and the
 * batch goes on. A dead letter that is retried is written the same way (its unit of work is not a
 * batch). Each projection calls {@link #handle} from an {@code @MessageHandlerInterceptor}.
 */
public final class BatchedWrites {

    /** How long a projection writes one event at a time after PostgreSQL refused a write. */
    public static final Duration CAREFUL_FOR = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(BatchedWrites.class);
    private static final ThreadLocal<Map<String, Map<Object, Object[]>>> EVENT_ROWS = new ThreadLocal<>();

    private final String group;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private volatile long carefulUntilNanos = System.nanoTime();

    public BatchedWrites(String group, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.group = group;
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The rows of {@code sql} for the event being handled; put one {@code Object[]} of parameters per row. */
    public Map<Object, Object[]> rows(String sql) {
        Map<String, Map<Object, Object[]>> eventRows = EVENT_ROWS.get();
        if (eventRows == null) {
            throw new IllegalStateException("rows are put inside a handler of " + group + ", through its interceptor");
        }
        return eventRows.computeIfAbsent(sql, statement -> new LinkedHashMap<>());
    }

    /** A write that must happen now and in order (a counter, a delete); refused writes are handled as batched ones are. */
    public void update(String sql, Object... parameters) {
        jdbc.update(sql, parameters);
    }

    /** Runs one event's handler and keeps or writes its rows; see the class comment. */
    public Object handle(InterceptorChain chain) throws Exception {
        Map<String, Map<Object, Object[]>> eventRows = new LinkedHashMap<>();
        EVENT_ROWS.set(eventRows);
        try {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root instanceof BatchingUnitOfWork<?> && !careful()) {
                Object result = chain.proceed();
                addToBatch(root, eventRows);
                return result;
            }
            return inSavepoint(() -> {
                Object result = chain.proceed();
                eventRows.forEach(this::write);
                return result;
            });
        } catch (DataAccessException refused) {
            beCareful(refused);
            throw refused;
        } finally {
            EVENT_ROWS.remove();
        }
    }

    private boolean careful() {
        return System.nanoTime() - carefulUntilNanos < 0;
    }

    private void beCareful(DataAccessException refused) {
        if (!careful()) {
            log.warn("{}: PostgreSQL refused a write ({}); writing one event at a time for {} so the event that causes it "
                    + "is parked and the others go on", group, refused.getMostSpecificCause().toString(), CAREFUL_FOR);
        }
        carefulUntilNanos = System.nanoTime() + CAREFUL_FOR.toNanos();
    }

    private void addToBatch(UnitOfWork<?> root, Map<String, Map<Object, Object[]>> eventRows) {
        Map<String, Map<Object, Object[]>> batch = root.getOrComputeResource(BatchedWrites.class.getName() + ":" + group, key -> {
            Map<String, Map<Object, Object[]>> rows = new LinkedHashMap<>();
            root.onPrepareCommit(committing -> {
                try {
                    rows.forEach(this::write);
                } catch (DataAccessException refused) {
                    beCareful(refused);
                    throw refused;
                }
            });
            return rows;
        });
        eventRows.forEach((sql, rows) -> batch.computeIfAbsent(sql, statement -> new LinkedHashMap<>()).putAll(rows));
    }

    private void write(String sql, Map<Object, Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, new ArrayList<>(rows.values()));
        }
    }

    @FunctionalInterface
    private interface Handling {
        Object run() throws Exception;
    }

    /** Runs {@code handling} in a savepoint of the current transaction: if it throws, only its writes are undone. */
    private Object inSavepoint(Handling handling) throws Exception {
        try {
            return savepoint.execute(status -> {
                try {
                    return handling.run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CheckedFailure(e);
                }
            });
        } catch (CheckedFailure wrapped) {
            throw (Exception) wrapped.getCause();
        }
    }

    /** Carries a handler's checked exception through the transaction template, which takes only unchecked ones. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
