package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wallet with a long history is snapshotted, and still answers exactly. */
class LongLivedWalletTest extends LedgerApiTest {

    private static final int DEPOSITS = 230;
    private static final Duration SNAPSHOT_WAIT_MAX = Duration.ofSeconds(20);

    @Test
    void aLongHistoryIsSnapshottedAndStillAddsUp() throws InterruptedException {
        String[] partner = client.newPartner();
        for (int i = 0; i < DEPOSITS; i++) {
            client.deposit(partner[1], "lena", "1.00", "USD");
        }
        awaitSnapshot(partner[0] + ":lena");

        Reply bet = client.bet(partner[1], "lena", "0.50", "USD", "lena-bet");
        assertThat(bet.text("balance")).isEqualTo("229.50");
    }

    private void awaitSnapshot(String aggregateId) throws InterruptedException {
        long deadline = System.nanoTime() + SNAPSHOT_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            Long snapshots = jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                    Long.class, aggregateId);
            if (snapshots > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no snapshot of " + aggregateId + " within " + SNAPSHOT_WAIT_MAX);
    }
}
