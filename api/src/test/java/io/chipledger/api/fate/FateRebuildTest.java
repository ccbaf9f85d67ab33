package io.chipledger.api.fate;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code wallet_fate} is rebuildable from the events (issue 11): emptied and rebuilt, it holds
 * exactly the rows the live writer wrote in the commands' transactions; rebuilt again over rows
 * already there, or resumed from a position, it changes nothing.
 */
class FateRebuildTest extends LedgerApiTest {

    @Autowired
    private FateRebuild rebuild;

    private List<Map<String, Object>> allClosures() {
        return jdbc.queryForList("SELECT wallet_id, subject, subject_id, fate, closed_by, round_key FROM wallet_fate "
                + "ORDER BY wallet_id, subject, subject_id");
    }

    @Test
    void theRebuiltTableEqualsTheOneWrittenLive() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ray", "10.00", "USD");
        client.post(partner[1], "/api/v1/wallets/ray/bets", "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"r1\",\"transaction_id_partner\":\"b1\"}");
        client.post(partner[1], "/api/v1/wallets/ray/wins", "{\"amount\":\"0\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"r1\",\"transaction_id_partner\":\"w1\"}");
        long beforeTheWithdrawal = client.post(partner[1], "/api/v1/wallets/ray/rollbacks",
                "{\"transaction_id_partner\":\"rb1\",\"rolled_back_transaction_id_partner\":\"nb\"}").body().path("position").asLong();
        client.post(partner[1], "/api/v1/wallets/ray/withdrawals",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"wd1\",\"mode\":\"two_phase\"}");
        client.post(partner[1], "/api/v1/wallets/ray/withdrawals/wd1/cancel", "{\"transaction_id_partner\":\"c1\"}");
        List<Map<String, Object>> live = allClosures();
        assertThat(live).filteredOn(row -> row.get("wallet_id").equals(partner[0] + ":ray")).hasSize(4);

        jdbc.update("TRUNCATE wallet_fate");
        jdbc.update("UPDATE wallet_fate_rebuild SET rebuilt_through = -1, complete = false");
        rebuild.rebuildIfIncomplete();
        assertThat(allClosures()).isEqualTo(live);
        assertThat(rebuild.progress().complete()).isTrue();

        // Resumed after the rollback's position, it applies only what came later: the withdrawal's decision.
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        jdbc.update("TRUNCATE wallet_fate");
        jdbc.update("UPDATE wallet_fate_rebuild SET rebuilt_through = ?, complete = false", beforeTheWithdrawal);
        rebuild.rebuildIfIncomplete();
        assertThat(allClosures()).filteredOn(row -> row.get("wallet_id").equals(partner[0] + ":ray"))
                .extracting(row -> row.get("subject") + " " + row.get("subject_id") + " " + row.get("fate"))
                .containsExactly("WITHDRAWAL wd1 CANCELLED");
        assertThat(rebuild.progress().rebuiltThrough()).isEqualTo(head);

        // Repeated from the start over the rows already there, it changes nothing and leaves the whole table.
        jdbc.update("UPDATE wallet_fate_rebuild SET rebuilt_through = -1, complete = false");
        rebuild.rebuildIfIncomplete();
        rebuild.rebuildIfIncomplete();
        assertThat(allClosures()).isEqualTo(live);
    }
}
