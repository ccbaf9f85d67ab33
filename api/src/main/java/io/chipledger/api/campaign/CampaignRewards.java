package io.chipledger.api.campaign;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.rewardpool.RewardDraws;
import io.chipledger.api.wallet.WalletCommands.Step;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponCommands;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.ReceiveRewardCommand;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.coupon.CouponProjection;
import io.chipledger.projections.rewardpool.RewardPoolProjection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Campaign rewards at the API: a request's reward, checked, and how each kind is delivered to a
 * player, one method per kind ({@link CampaignReward.Delivery}): the commands that pay it, run
 * after the campaign's own delivery step, in the same transaction under the delivery's key.
 * <ul>
 * <li>A token grant is a {@code wallet.RewardReceivedEvent} from the promo account naming the campaign.
 * <li>A coupon issue moves no money: the delivery's event (and its Kafka message) gives the player
 *     the code, which they redeem like any other ({@code coupon.CouponRedeemedEvent}); the coupon is
 *     asked first whether anyone could redeem it now ({@code CouponCommands.Offer}), so a disabled,
 *     expired or used-up coupon skips the player instead of sending a dead code.
 * <li>A pool draw is the pool's own draw for the player, free of the pool's stake, credited as the
 *     campaign's reward: the same steps as a player's draw ({@link RewardDraws}).
 * </ul>
 * A campaign is created only for a coupon that is active and unexpired, or a pool that is open,
 * of its own partner (422 {@code campaign-reward-unavailable} otherwise); one that is disabled,
 * expires or closes later skips its players then, with the coupon's or pool's refusal as reason.
 */
@Component
class CampaignRewards {

    private final AssetRegistry assets;
    private final CouponProjection coupons;
    private final RewardPoolProjection pools;
    private final RewardDraws draws;
    private final Clock clock;

    CampaignRewards(AssetRegistry assets, CouponProjection coupons, RewardPoolProjection pools, RewardDraws draws, Clock clock) {
        this.assets = assets;
        this.coupons = coupons;
        this.pools = pools;
        this.draws = draws;
        this.clock = clock;
    }

    /** The request's reward, checked field by field: 400 naming the field. */
    CampaignReward of(CampaignRequests.CampaignRewardRequest reward) {
        if (reward == null || reward.kind() == null) {
            throw new InvalidRequestException("reward.kind", "reward.kind is required: token_grant, coupon_issue or pool_draw");
        }
        return switch (reward.kind()) {
            case "token_grant" -> {
                only(reward, reward.code() == null && reward.poolId() == null, "asset and amount");
                if (reward.amount() == null) {
                    throw new InvalidRequestException("reward.amount", "reward.amount is required: tokens per player");
                }
                AssetAmount tokens = assets.tokenAmount("reward.asset", reward.asset(), reward.amount());
                yield new CampaignReward.TokenGrant(tokens.asset(), tokens.amountMinor(),
                        AmountFormat.toDecimalString(tokens.amountMinor(), assets.require(tokens.asset())));
            }
            case "coupon_issue" -> {
                only(reward, reward.asset() == null && reward.amount() == null && reward.poolId() == null, "code");
                String code = Coupon.normalized(reward.code());
                if (code == null) {
                    throw new InvalidRequestException("reward.code", "reward.code must be a coupon code: 4..32 letters, digits, '-' or '_'");
                }
                yield new CampaignReward.CouponIssue(code);
            }
            case "pool_draw" -> {
                only(reward, reward.asset() == null && reward.amount() == null && reward.code() == null, "pool_id");
                yield new CampaignReward.PoolDraw(reference("reward.pool_id", reward.poolId()));
            }
            default -> throw new InvalidRequestException("reward.kind", "reward.kind must be token_grant, coupon_issue or pool_draw");
        };
    }

    /**
     * 422 {@code campaign-reward-unavailable} for a coupon or pool the partner does not have, in
     * the same words whether another partner has it or nobody does, or one that gives nothing now:
     * nothing is stored.
     */
    void requireDeliverable(String partnerId, CampaignReward reward) {
        reward.deliver(new Availability(partnerId), null);
    }

    /** The steps that pay {@code reward} to {@code player} after the campaign's delivery step (none for a coupon issue). */
    List<Step> payment(CampaignReward reward, WalletId player, String campaignId, String idempotencyKey) {
        return reward.deliver(new Payment(campaignId, idempotencyKey), player);
    }

    private final class Payment implements CampaignReward.Delivery<List<Step>> {

        private final RewardSource source;
        private final String idempotencyKey;

        private Payment(String campaignId, String idempotencyKey) {
            this.source = new RewardSource(RewardSource.Kind.CAMPAIGN, campaignId);
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public List<Step> tokenGrant(CampaignReward.TokenGrant reward, WalletId player) {
            return List.of((transactionId, before) -> new ReceiveRewardCommand(player, transactionId, idempotencyKey, source, null,
                    new AssetAmount(reward.asset(), reward.amountMinor())));
        }

        @Override
        public List<Step> couponIssue(CampaignReward.CouponIssue reward, WalletId player) {
            String couponId = Coupon.idOf(player.partnerId(), reward.code());
            return List.of((transactionId, before) -> new CouponCommands.Offer(couponId, clock.instant()));
        }

        @Override
        public List<Step> poolDraw(CampaignReward.PoolDraw reward, WalletId player) {
            return draws.steps(player.partnerId(), reward.poolId(), player.playerId(), idempotencyKey, false, source);
        }
    }

    private final class Availability implements CampaignReward.Delivery<Void> {

        private final String partnerId;

        private Availability(String partnerId) {
            this.partnerId = partnerId;
        }

        @Override
        public Void tokenGrant(CampaignReward.TokenGrant reward, WalletId player) {
            return null;
        }

        @Override
        public Void couponIssue(CampaignReward.CouponIssue reward, WalletId player) {
            boolean usable = coupons.coupon(partnerId, reward.code())
                    .filter(coupon -> coupon.status().equals("active") && coupon.expiresAt().isAfter(clock.instant())).isPresent();
            if (!usable) {
                throw unavailable("coupon_issue", "the partner has no active, unexpired coupon " + reward.code());
            }
            return null;
        }

        @Override
        public Void poolDraw(CampaignReward.PoolDraw reward, WalletId player) {
            if (pools.pool(partnerId, reward.poolId()).filter(pool -> pool.status().equals("open")).isEmpty()) {
                throw unavailable("pool_draw", "the partner has no open reward pool " + reward.poolId());
            }
            return null;
        }
    }

    private static RuleViolation unavailable(String kind, String why) {
        return new RuleViolation(RuleViolation.Rule.CAMPAIGN_REWARD_UNAVAILABLE, why + ": the campaign could deliver nothing",
                Map.of("reward_kind", kind));
    }

    private static void only(CampaignRequests.CampaignRewardRequest reward, boolean holds, String fields) {
        if (!holds) {
            throw new InvalidRequestException("reward", "a " + reward.kind() + " reward has " + fields + " only");
        }
    }

    private static String reference(String field, String value) {
        if (value == null || !CampaignReward.REFERENCE.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be 1-" + CampaignReward.REFERENCE_LENGTH_MAX
                    + " letters, digits, '_', '.' or '-'");
        }
        return value;
    }
}
