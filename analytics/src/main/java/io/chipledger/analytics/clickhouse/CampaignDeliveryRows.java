package io.chipledger.analytics.clickhouse;

import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.wallet.WalletId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code campaign_deliveries} table: one row per campaign reward delivered to a player, of
 * every kind. A coupon issue moves no money and a pool draw of a blank credits nothing, so only
 * the delivery's own event says they happened. {@code delivered_at} is when the ledger recorded
 * it (the event has no time of its own); {@code reward_reference} is the coupon's code as the
 * ledger keeps it (upper case, as {@code coupon_redemptions.code}), the pool's id, or empty for a
 * token grant.
 */
public final class CampaignDeliveryRows {

    public static final SinkTable TABLE = new SinkTable("campaign_deliveries", List.of("event_id", "global_position", "delivered_at", "day",
            "partner_id", "campaign_id", "player_id", "reward_kind", "reward_reference"));

    /** Each kind's name (as the API and the stored events spell it) and reference. */
    private static final CampaignReward.Delivery<List<String>> KIND_AND_REFERENCE = new CampaignReward.Delivery<>() {
        @Override
        public List<String> tokenGrant(CampaignReward.TokenGrant reward, WalletId player) {
            return List.of("token_grant", "");
        }

        @Override
        public List<String> couponIssue(CampaignReward.CouponIssue reward, WalletId player) {
            String code = Coupon.normalized(reward.code());
            return List.of("coupon_issue", code == null ? reward.code() : code);
        }

        @Override
        public List<String> poolDraw(CampaignReward.PoolDraw reward, WalletId player) {
            return List.of("pool_draw", reward.poolId());
        }
    };

    private CampaignDeliveryRows() {
    }

    /** The reward's {@code reward_reference}: a coupon's code as the ledger keeps it, a pool's id, empty for a token grant. */
    public static String reference(CampaignReward reward) {
        return reward.deliver(KIND_AND_REFERENCE, null).get(1);
    }

    static List<SinkRow> of(CampaignRewardDeliveredEvent delivery, String eventId, Instant recordedAt) {
        List<Object> values = new java.util.ArrayList<>(List.of(recordedAt, recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                delivery.partnerId(), delivery.campaignId(), delivery.playerId()));
        values.addAll(delivery.reward().deliver(KIND_AND_REFERENCE, new WalletId(delivery.partnerId(), delivery.playerId())));
        return List.of(new SinkRow(TABLE, eventId, values));
    }
}
