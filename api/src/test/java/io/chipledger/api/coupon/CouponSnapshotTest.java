package io.chipledger.api.coupon;

import static io.chipledger.api.coupon.CouponAdminTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** A coupon of many uses is loaded from a snapshot (issue 20): what the snapshot holds decides as its events did. */
class CouponSnapshotTest extends LedgerApiTest {

    private Reply redeem(String apiKey, String player, String key) {
        return client.post(apiKey, "/api/v1/players/" + player + "/coupon-redemptions",
                "{\"code\":\"MANY-USES\",\"transaction_id_partner\":\"" + key + "\"}");
    }

    @Test
    void theUsesCountedBeforeASnapshotStillCountAfterIt() throws Exception {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons", fixed("MANY-USES", "0.01", 250, 100));
        for (int use = 0; use < 100; use++) {
            assertThat(redeem(partner[1], "ada", "ada-" + use).status()).isEqualTo(201);
            assertThat(redeem(partner[1], "bob", "bob-" + use).status()).isEqualTo(201);
        }
        String couponId = "coupon:" + partner[0] + ":MANY-USES";
        for (int wait = 0; wait < 100 && snapshots(couponId) == 0; wait++) {
            Thread.sleep(100); // the snapshotter works in the background
        }
        assertThat(snapshots(couponId)).isEqualTo(1);

        Reply adaAgain = redeem(partner[1], "ada", "ada-100");
        Reply cyd = redeem(partner[1], "cyd", "cyd-0");

        assertThat(adaAgain.status()).isEqualTo(422);
        assertThat(adaAgain.text("type")).endsWith("/coupon-player-limit");
        assertThat(cyd.status()).isEqualTo(201);
        assertThat(cyd.body().path("use_number").asInt()).isEqualTo(201);
    }

    private long snapshots(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }
}
