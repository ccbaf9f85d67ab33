package io.chipledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch whose commands the ledger cannot answer in time (every lane held here, as a long
 * all-or-nothing batch would hold them): each command is pending, not refused, the answer is a
 * 503 that carries the results, and the commands complete once the lanes go on, so the batch
 * sent again replays them (found by the red team: they were counted as refused, and the 503 said
 * the ledger had taken none).
 */
class BatchPendingTest extends LedgerApiTest {

    @Autowired
    private GroupCommit groupCommit;

    @Test
    void commandsNotAnsweredInTimeArePendingAndStillComplete() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString();
        String batch = "{\"commands\":["
                + "{\"operation\":\"deposit\",\"player_id\":\"pat\",\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + run + "-1\"},"
                + "{\"operation\":\"deposit\",\"player_id\":\"quinn\",\"amount\":\"2.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + run + "-2\"}]}";
        Lock lanes = groupCommit.lanesPaused.writeLock();
        Reply busy;
        lanes.lock();
        try {
            busy = client.post(partner[1], "/api/v1/batches", batch);
        } finally {
            lanes.unlock();
        }

        assertThat(busy.status()).as(busy.raw()).isEqualTo(503);
        assertThat(busy.retryAfter()).isEqualTo("1");
        assertThat(busy.body().path("type").asText()).endsWith("/ledger-busy");
        assertThat(busy.body().path("results")).hasSize(2);
        assertThat(busy.body().path("results").get(1).path("status").asInt()).isEqualTo(503);

        Reply again = client.post(partner[1], "/api/v1/batches", batch);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("results").get(0).path("replayed").asBoolean())
                .as("the pending deposit completed once the lanes went on").isTrue();
        assertThat(again.body().path("results").get(1).path("replayed").asBoolean()).isTrue();
        assertThat(again.body().path("pending").asInt()).isZero();
        assertThat(eventCount(partner[0], "quinn")).isEqualTo(2);
    }
}
