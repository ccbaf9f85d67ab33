package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.rewardpool.RewardPool;
import org.junit.jupiter.api.Test;

/**
 * {@code audit verify} recomputes every draw of a reward pool (issue 20; docs/audit.md): a pool's
 * real history verifies clean, and a draw whose recorded item was changed, its hash chain forged
 * to match, is reported at its event.
 */
class DrawVerificationTest extends ScratchStoreTest {

    private static final String CHEST = "{\"name\":\"Autumn chest\",\"items\":["
            + "{\"item_id\":\"gold\",\"weight\":5,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"500\"},\"stock\":3},"
            + "{\"item_id\":\"silver\",\"weight\":35,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"50\"}},"
            + "{\"item_id\":\"blank\",\"weight\":60}]}";

    @Test
    void everyDrawIsRecomputedAndAForgedItemIsFoundAtItsEvent() {
        String[] partner = client.newPartner();
        String poolId = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/reward-pools", CHEST).text("pool_id");
        for (int i = 0; i < 4; i++) {
            assertThat(client.post(partner[1], "/api/v1/players/zoe/reward-draws", "{\"pool_id\":\"" + poolId
                    + "\",\"transaction_id_partner\":\"box-" + i + "\"}").status()).isEqualTo(200);
        }
        String pool = RewardPool.idOf(partner[0], poolId);
        copy("domain_event_entry", "aggregate_identifier = ?", pool);
        copy("event_chain_head", "aggregate_identifier = ?", pool);

        Result clean = verify();
        assertThat(clean.exitCode()).as(clean.out()).isEqualTo(AuditCommand.CLEAN);

        // The third draw (sequence 3) said to have given another item than its seed draws, the chain recomputed after it.
        String payload = scratch.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 3", String.class, pool);
        String drawn = payload.replaceFirst("(?s).*\"item_id\":\"([a-z]+)\",\"roll\".*", "$1");
        String forged = drawn.equals("gold") ? "silver" : "gold";
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(?, 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 3",
                payload.replace("\"item_id\":\"" + drawn + "\",\"roll\"", "\"item_id\":\"" + forged + "\",\"roll\""), pool);
        rechain(pool);

        Result result = verify();

        assertThat(result.exitCode()).as(result.out()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + pool + " sequence 3 ").contains("draw recomputed from its seed and inputs");
        assertThat(result.out()).doesNotContain("hash chain");
        assertThat(failureLines(result)).as(result.out()).allMatch(line -> line.contains(" sequence 3 "));
    }
}
