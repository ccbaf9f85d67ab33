package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.chipledger.core.audit.SnapshotSeal;
import java.time.Duration;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
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
        String wallet = walletWithASnapshot("sia");
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

    /** With a key, only snapshots sealed with it are used: one resealed by someone who can write the database but lacks the key is not. */
    @Test
    void aServiceWithAKeyUsesOnlySnapshotsSealedWithIt() throws InterruptedException {
        String wallet = walletWithASnapshot("kai");
        byte[] key = "a key only the service has".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SealedSnapshots keyed = new SealedSnapshots(jdbc, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), key);
        Map<String, Object> row = jdbc.queryForMap("SELECT s.sequence_number, s.payload_type, s.payload_revision, s.payload, "
                + "convert_from(s.meta_data, 'UTF8')::jsonb ->> 'chain_hash' AS chain_hash FROM snapshot_event_entry s WHERE aggregate_identifier = ?",
                wallet);
        long sequence = (Long) row.get("sequence_number");
        byte[] payload = (byte[]) row.get("payload");
        String chainHash = (String) row.get("chain_hash");
        String keyedSeal = SnapshotSeal.keyedSeal(key, wallet, sequence, chainHash, (String) row.get("payload_type"),
                (String) row.get("payload_revision"), payload);

        assertThat(keyed.test(snapshot(wallet, row, payload, SnapshotSeal.seal(wallet, sequence, chainHash, (String) row.get("payload_type"),
                (String) row.get("payload_revision"), payload), chainHash))).as("sealed without the key").isFalse();
        assertThat(keyed.test(snapshot(wallet, row, payload, keyedSeal, chainHash))).as("sealed with the key").isTrue();
        byte[] altered = new String(payload, java.nio.charset.StandardCharsets.UTF_8).replace("\"status\":\"ACTIVE\"", "\"status\":\"FROZEN\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(altered).isNotEqualTo(payload);
        assertThat(keyed.test(snapshot(wallet, row, altered, SnapshotSeal.seal(wallet, sequence, chainHash, (String) row.get("payload_type"),
                (String) row.get("payload_revision"), altered), chainHash))).as("altered and resealed without the key").isFalse();
    }

    private static DomainEventData<byte[]> snapshot(String wallet, Map<String, Object> row, byte[] payload, String seal, String chainHash) {
        byte[] metaData = ("{\"" + SnapshotSeal.CHAIN_HASH_KEY + "\":\"" + chainHash + "\",\"" + SnapshotSeal.SEAL_KEY + "\":\"" + seal + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new GenericDomainEventEntry<>("PlayerWallet", wallet, (Long) row.get("sequence_number"), java.util.UUID.randomUUID().toString(),
                "2026-11-30T00:00:00.000Z", (String) row.get("payload_type"), (String) row.get("payload_revision"), payload, metaData);
    }

    /** A new partner's wallet of {@code player}, with enough deposits for a snapshot, once it is stored; answers the wallet's id. */
    private String walletWithASnapshot(String player) throws InterruptedException {
        String[] partner = client.newPartner();
        for (int i = 0; i < DEPOSITS; i++) {
            client.deposit(partner[1], player, "1.00", "USD");
        }
        String wallet = partner[0] + ":" + player;
        awaitSnapshot(wallet);
        return wallet;
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
