package io.chipledger.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A campaign whose reward is a coupon or a pool draw (issue 20): a coupon issue hands each player
 * the partner's code and moves no money until they redeem it; a pool draw is the pool's own free
 * draw in the delivery's transaction, stock held, and a player the pool has nothing left for is
 * skipped. A coupon or pool the partner does not have, or cannot give from now, refuses the
 * campaign.
 */
class CampaignRewardKindsTest extends LedgerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String campaign(String reward, String template) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return "{\"name\":\"Kinds\",\"segment\":\"NEW\",\"starts_at\":\"" + start + "\",\"ends_at\":\"" + start.plus(1, ChronoUnit.DAYS)
                + "\",\"reward\":" + reward + ",\"message_template\":\"" + template + "\"}";
    }

    private Reply coupon(String partnerId, String code) {
        return client.admin("POST", "/admin/v1/partners/" + partnerId + "/coupons", "{\"code\":\"" + code + "\",\"kind\":\"fixed\","
                + "\"asset\":\"USD\",\"amount\":\"1.00\",\"expires_at\":\"" + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"usage_limit\":100}");
    }

    private void assertUnavailable(String partnerId, String reward) {
        Reply refused = client.admin("POST", "/admin/v1/partners/" + partnerId + "/campaigns", campaign(reward, "Hi"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/campaign-reward-unavailable");
    }

    @Test
    void aCouponIssueHandsEachPlayerTheCodeAndMovesNoMoneyUntilTheyRedeemIt() throws Exception {
        String[] partner = client.newPartner();
        String[] other = client.newPartner();
        assertThat(coupon(partner[0], "FREEBET").status()).isEqualTo(201);
        assertThat(coupon(other[0], "OTHERS").status()).isEqualTo(201);
        assertThat(coupon(partner[0], "GONE").status()).isEqualTo(201);
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons/GONE/disable", "{\"reason\":\"leaked\"}");
        assertUnavailable(partner[0], "{\"kind\":\"coupon_issue\",\"code\":\"NOSUCH\"}");
        assertUnavailable(partner[0], "{\"kind\":\"coupon_issue\",\"code\":\"OTHERS\"}");
        assertUnavailable(partner[0], "{\"kind\":\"coupon_issue\",\"code\":\"GONE\"}");

        Campaigns.openWallets(client, partner[0], "ci", 3);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 3, WAIT);
        String id = Campaigns.scheduled(client, partner[0], campaign("{\"kind\":\"coupon_issue\",\"code\":\"freebet\"}",
                "{player_id}, your code is {coupon_code}"));
        LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + id, null),
                reply -> reply.body().at("/progress/delivered").asLong() == 3, WAIT);

        assertThat(Campaigns.deliveredEvents(jdbc, partner[0], id)).isEqualTo(3);
        assertThat(Campaigns.rewardsPaid(jdbc, id)).as("an issued coupon pays nothing by itself").isZero();
        assertThat(jdbc.queryForObject("SELECT message FROM campaign_delivery WHERE campaign_id = ? AND player_id = ?", String.class, id,
                Campaigns.player("ci", 1))).isEqualTo("ci00001, your code is FREEBET");
        Reply redeemed = client.post(partner[1], "/api/v1/players/" + Campaigns.player("ci", 1) + "/coupon-redemptions",
                "{\"code\":\"FREEBET\",\"transaction_id_partner\":\"ci-redeem-1\"}");
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
        assertThat(eventCount(partner[0], Campaigns.player("ci", 1), "wallet.RewardReceivedEvent")).isEqualTo(1);

        // Disabled while the campaign runs, the code is sent to nobody more: a new player is skipped, with the coupon's refusal.
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/coupons/FREEBET/disable", "{\"reason\":\"leaked\"}");
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/ci-late/token-grants", "{\"token_type\":\"CC_COIN\","
                + "\"amount\":\"1\",\"reason\":\"signup\",\"transaction_id_partner\":\"ci-late-open\"}");
        Reply skipped = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + id, null),
                reply -> reply.body().at("/progress/skipped").asLong() == 1, WAIT);
        assertThat(skipped.body().at("/progress/skipped").asLong()).as(skipped.raw()).isEqualTo(1);
        assertThat(Campaigns.deliveredEvents(jdbc, partner[0], id)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT refusal FROM campaign_skip WHERE campaign_id = ? AND player_id = 'ci-late'", String.class, id))
                .isEqualTo("COUPON_DISABLED");
    }

    @Test
    void aPoolDrawIsThePoolsFreeDrawInTheDeliveryAndAPlayerThePoolHasNothingLeftForIsSkipped() throws Exception {
        String[] partner = client.newPartner();
        Reply pool = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/reward-pools", "{\"name\":\"Two chests\",\"items\":["
                + "{\"item_id\":\"chest\",\"weight\":1,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"5\"},\"stock\":2}],"
                + "\"stake\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"1\"}}");
        assertThat(pool.status()).as(pool.raw()).isEqualTo(201);
        String poolId = pool.text("pool_id");
        String[] other = client.newPartner();
        assertUnavailable(other[0], "{\"kind\":\"pool_draw\",\"pool_id\":\"" + poolId + "\"}");

        Campaigns.openWallets(client, partner[0], "pd", 3);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 3, WAIT);
        String id = Campaigns.scheduled(client, partner[0], campaign("{\"kind\":\"pool_draw\",\"pool_id\":\"" + poolId + "\"}",
                "A chest from {pool_id}"));
        Reply shown = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/" + id, null),
                reply -> reply.body().at("/progress/delivered").asLong() == 2 && reply.body().at("/progress/skipped").asLong() == 1, WAIT);
        assertThat(shown.body().at("/progress/skipped").asLong()).as(shown.raw()).isEqualTo(1);

        assertThat(Campaigns.rewardsPaid(jdbc, id)).isEqualTo(2);
        assertThat(Campaigns.promoPostings(jdbc, id, "CC_COIN")).isEqualTo(-10);
        assertThat(Campaigns.promoPostings(jdbc, id, "DICE_TOKEN")).as("a campaign's draw is free of the pool's stake").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = "
                + "'rewardpool.RewardDrawnEvent'", Long.class, "reward-pool:" + partner[0] + ":" + poolId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT refusal FROM campaign_skip WHERE campaign_id = ?", String.class, id))
                .isEqualTo("REWARD_POOL_EXHAUSTED");
    }
}
