package io.chipledger.api.store;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost a race for a wallet's next sequence number (another node, or a
 * stale cached wallet): the wallet is evicted on rollback and reloaded by the retry. Refusals
 * by a business rule are never retried.
 */
public class ConcurrencyConflictRetryScheduler implements RetryScheduler {

    /** The one retry policy for lost races, also used by group commit for a command run alone. */
    public static final int RETRIES_MAX = 10;
    static final long BACKOFF_MILLIS = 5;

    private final ScheduledExecutorService executor;

    ConcurrencyConflictRetryScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isConcurrencyConflict(lastFailure) || failures.size() > RETRIES_MAX) {
            return false;
        }
        executor.schedule(commandDispatch, backoffMillis(failures.size()), TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Grows with each attempt, with jitter: two nodes that keep losing to each other on one busy
     * wallet must not retry in step.
     */
    public static long backoffMillis(int attempt) {
        long base = BACKOFF_MILLIS * attempt;
        return base + ThreadLocalRandom.current().nextLong(base + 1);
    }

    /**
     * A lost race for an aggregate's next sequence number, anywhere in the cause chain; for a new
     * wallet opened by two nodes at once, the race for its first event (Axon reports that one as
     * an {@link AggregateStreamCreationException}): the retry finds the wallet the other node opened.
     */
    public static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} again after {@code failure} when it was a lost race, with the same backoff,
     * at most {@link #RETRIES_MAX} times; any other failure is thrown as it came. For work that runs
     * outside the command bus (group commit's all-or-nothing batches).
     */
    public static <T> T retryingLostRaces(RuntimeException failure, Supplier<T> work) {
        for (int attempt = 1; isConcurrencyConflict(failure) && attempt <= RETRIES_MAX; attempt++) {
            sleep(backoffMillis(attempt));
            try {
                return work.get();
            } catch (RuntimeException again) {
                failure = again;
            }
        }
        throw failure;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
