package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A snapshot is used only while it matches the chain it summarises; an altered one is passed over (issue 13). */
class SealedSnapshotsTest extends LedgerApiTest {

    private static final int DEPOSITS = 210;
    private static final Duration SNAPSHOT_WAIT_MAX = Duration.ofSeconds(20);

    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aSnapshotIsSealedToItsEventAndPassedOverOnceAltered() throws InterruptedException {
        String[] partner = client.newPartner();
        for (int i = 0; i < DEPOSITS; i++) {
            client.deposit(partner[1], "sia", "1.00", "USD");
        }
        String wallet = partner[0] + ":sia";
        awaitSnapshot(wallet);
        String sealedTo = jdbc.queryForObject("SELECT convert_from(s.meta_data, 'UTF8')::jsonb ->> 'chain_hash' = e.event_hash "
                + "FROM snapshot_event_entry s JOIN domain_event_entry e USING (aggregate_identifier, sequence_number) "
                + "WHERE s.aggregate_identifier = ?", String.class, wallet);
        assertThat(sealedTo).isEqualTo("t");
        assertThat(storageEngine.readSnapshot(wallet)).as("a sound snapshot is used").isPresent();
        double refusedBefore = meters.counter(SealedSnapshots.REFUSED_METRIC).count();

        jdbc.update("UPDATE snapshot_event_entry SET payload = convert_to(regexp_replace(convert_from(payload, 'UTF8'), "
                + "'\"available\":[0-9]+', '\"available\":99999999'), 'UTF8') WHERE aggregate_identifier = ?", wallet);
        try {
            assertThat(storageEngine.readSnapshot(wallet)).as("an altered snapshot is passed over").isEmpty();
            assertThat(meters.counter(SealedSnapshots.REFUSED_METRIC).count()).isEqualTo(refusedBefore + 1);
        } finally {
            // The shared store must verify clean for the other tests: a snapshot is disposable.
            jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", wallet);
        }
    }

    private void awaitSnapshot(String aggregateId) throws InterruptedException {
        long deadline = System.nanoTime() + SNAPSHOT_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no snapshot of " + aggregateId + " within " + SNAPSHOT_WAIT_MAX);
    }
}
