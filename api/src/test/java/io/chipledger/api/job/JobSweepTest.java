package io.chipledger.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.command.LedgerBusyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A sweep parks an item only for the item's own failure. A failure of the moment ends the run and
 * parks nothing: the service stopping (its command handlers gone: 69 AML alerts were parked by a
 * shutdown under load, each waiting for an operator's retry), the database away, the ledger busy.
 */
class JobSweepTest extends LedgerApiTest {

    @Autowired
    private ParkedJobItems parked;

    @Test
    void anItemsOwnFailureIsParkedAndTheRunGoesOn() {
        List<String> processed = new ArrayList<>();
        List<String> parkedItems = new ArrayList<>();
        JobSweep.<String>run(Job.AML_ALERTS, parked, Instant.now(), List.of("a", "b", "c"), 10, item -> item, item -> {
            if (item.equals("b")) {
                throw new IllegalStateException("b is broken");
            }
            processed.add(item);
        }, (item, failure) -> parkedItems.add(item));
        assertThat(processed).containsExactly("a", "c");
        assertThat(parkedItems).containsExactly("b");
    }

    @Test
    void aFailureOfTheMomentEndsTheRunAndParksNothing() {
        List<Supplier<RuntimeException>> failuresOfTheMoment = List.of(
                () -> new NoHandlerForCommandException("No handler was subscribed for command [Raise]"),
                () -> new DataAccessResourceFailureException("connection refused"),
                () -> new LedgerBusyException("the service is stopping"));
        for (Supplier<RuntimeException> failure : failuresOfTheMoment) {
            List<String> processed = new ArrayList<>();
            List<String> parkedItems = new ArrayList<>();
            JobSweep.<String>run(Job.AML_ALERTS, parked, Instant.now(), List.of("a", "b", "c"), 10, item -> item, item -> {
                if (item.equals("b")) {
                    throw failure.get();
                }
                processed.add(item);
            }, (item, failed) -> parkedItems.add(item));
            assertThat(processed).as(failure.get().getClass().getSimpleName()).containsExactly("a");
            assertThat(parkedItems).as(failure.get().getClass().getSimpleName()).isEmpty();
        }
    }
}
