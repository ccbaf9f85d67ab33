package io.chipledger.api.job;

import io.chipledger.api.FailuresOfTheMoment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a sweeping job over the items due (oldest first, none parked, at most
 * {@code perSweepMax}): each item is processed on its own; one that fails is handed to
 * {@code park} and the run goes on, so no item holds up those behind it. A failure of the moment
 * ({@link FailuresOfTheMoment}: the ledger busy, the database away, the service stopping) ends
 * the run early instead: it is no item's fault, parking would leave an operator items to retry
 * after every outage or restart, and the next run goes on. Items that went through are forgotten as parked; a run that saw every due item also
 * forgets the retries of items it no longer found.
 */
public final class JobSweep {

    private static final Logger log = LoggerFactory.getLogger(JobSweep.class);

    private JobSweep() {
    }

    public static <T> void run(Job job, ParkedJobItems parked, Instant startedAt, List<T> due, int perSweepMax,
                               Function<T, String> itemKey, Consumer<T> process, ParkItem<T> park) {
        List<String> settled = new ArrayList<>();
        boolean sweptAll = due.size() < perSweepMax;
        for (T item : due) {
            try {
                process.accept(item);
                settled.add(itemKey.apply(item));
            } catch (RuntimeException failed) {
                if (FailuresOfTheMoment.isOfTheMoment(failed)) {
                    log.info("{} sweep stopped early, a failure of the moment (the ledger busy, the database away, the service "
                            + "stopping): {}", job.jobName(), failed.getMessage());
                    sweptAll = false;
                    break;
                }
                park.park(item, failed);
            }
        }
        parked.forget(job, settled);
        if (sweptAll) {
            parked.forgetRetriesNotFound(job, startedAt);
        }
    }

    /** Parks an item that failed, and says so once. */
    @FunctionalInterface
    public interface ParkItem<T> {
        void park(T item, RuntimeException failure);
    }
}
