package io.chipledger.api.campaign;

import io.chipledger.analytics.report.CampaignConversion;
import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.campaign.CampaignProjection.CampaignView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the campaigns API answers (issue 20). */
final class CampaignResponses {

    private CampaignResponses() {
    }

    /**
     * A reward as shown: {@code kind} and its fields ({@code asset}, {@code amount} as a decimal string
     * in the asset's scale for a token grant; {@code code}; {@code pool_id}); the others are null.
     */
    record CampaignRewardResponse(@Schema(example = "token_grant") String kind, @Schema(example = "ROULETTE_COIN") String asset,
                  @Schema(example = "10") String amount, String code, String poolId) {

        static CampaignRewardResponse of(CampaignReward reward) {
            return reward.deliver(new CampaignReward.Delivery<>() {
                @Override
                public CampaignRewardResponse tokenGrant(CampaignReward.TokenGrant grant, WalletId player) {
                    return new CampaignRewardResponse("token_grant", grant.asset(), grant.amount(), null, null);
                }

                @Override
                public CampaignRewardResponse couponIssue(CampaignReward.CouponIssue issue, WalletId player) {
                    return new CampaignRewardResponse("coupon_issue", null, null, issue.code(), null);
                }

                @Override
                public CampaignRewardResponse poolDraw(CampaignReward.PoolDraw draw, WalletId player) {
                    return new CampaignRewardResponse("pool_draw", null, null, null, draw.poolId());
                }
            }, null);
        }
    }

    /**
     * How far delivery has come: {@code segment_size} players were in the segment at the delivery
     * job's last pass ({@code last_pass_at}; both null before the first), {@code delivered} have
     * received the reward, {@code skipped} were refused by their wallet (a frozen wallet) and are tried
     * again an hour later while the campaign runs.
     */
    record CampaignProgress(@Schema(example = "10000") Long segmentSize, Instant lastPassAt, @Schema(example = "9998") long delivered,
                    @Schema(example = "2") long skipped) {
    }

    /** A campaign as it stands; who created and last changed it (an admin key, or {@code system:campaigns} for a start or finish). */
    record Campaign(@Schema(example = "cmp_4f1c2a9b7d3e5a60") String campaignId, @Schema(example = "p_0123456789abcdef") String partnerId,
                    @Schema(example = "Welcome week") String name, @Schema(example = "NEW") String segment, Instant startsAt, Instant endsAt,
                    CampaignRewardResponse reward, String messageTemplate,
                    @Schema(allowableValues = {"DRAFT", "SCHEDULED", "RUNNING", "FINISHED", "CANCELLED"}) String status,
                    String cancelReason, CampaignProgress progress, Instant createdAt, String createdBy, Instant changedAt, String changedBy) {

        static Campaign of(CampaignView view) {
            return new Campaign(view.campaignId(), view.partnerId(), view.name(), view.segment(), view.startsAt(), view.endsAt(),
                    CampaignRewardResponse.of(view.reward()), view.messageTemplate(), view.status().name(), view.cancelReason(),
                    new CampaignProgress(view.segmentSize(), view.lastPassAt(), view.delivered(), view.skipped()), view.createdAt(), view.createdBy(),
                    view.changedAt(), view.changedBy());
        }
    }

    /** One page of the partner's campaigns by id; {@code next_cursor} while more follow. */
    record Campaigns(List<Campaign> campaigns, String nextCursor) {
    }

    /** Stakes of one asset by the players who played after their delivery: decimal string in the asset's scale, and how many stakes. */
    record CampaignTurnover(@Schema(example = "USD") String asset, @Schema(example = "412") long players, @Schema(example = "8250.00") String stakes,
                    @Schema(example = "3190") long bets) {
    }

    /**
     * A campaign's conversion from ClickHouse: players delivered (every reward kind, a coupon issue
     * or a blank pool draw included), players who played (a bet or a staked play) within
     * {@code within_days} days after their own delivery, their turnover per asset in that window
     * and, for a {@code coupon_issue} campaign only, {@code redeemed}: the delivered players who
     * redeemed the campaign's coupon at or after their delivery and within that window (a
     * redemption before the delivery does not count); absent for the other kinds. As far as the
     * ClickHouse sink has written (seconds behind the ledger).
     */
    record CampaignStats(String campaignId, @Schema(example = "7") int withinDays, long delivered, long played, List<CampaignTurnover> turnover,
                         @Schema(example = "318") Long redeemed) {

        static CampaignStats of(String campaignId, int withinDays, CampaignConversion.Figures figures, List<CampaignTurnover> turnover) {
            return new CampaignStats(campaignId, withinDays, figures.delivered(), figures.played(), turnover, figures.redeemed());
        }
    }
}
