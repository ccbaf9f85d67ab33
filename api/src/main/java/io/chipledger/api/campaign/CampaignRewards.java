package io.chipledger.api.campaign;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.wallet.WalletCommands.Step;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.ReceiveRewardCommand;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.core.wallet.WalletId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Campaign rewards at the API: a request's reward, checked, and how each kind is delivered to a
 * player, one method per kind ({@link CampaignReward.Delivery}): the command that pays it, run
 * after the campaign's own delivery step, in the same transaction under the delivery's key. A
 * token grant is a {@code wallet.RewardReceivedEvent} from the promo account naming the campaign.
 * Coupon issues and pool draws are accepted in shape but refused (422
 * {@code campaign-reward-unavailable}) until their delivery is wired to coupons and pools.
 */
@Component
class CampaignRewards {

    private final AssetRegistry assets;

    CampaignRewards(AssetRegistry assets) {
        this.assets = assets;
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
                yield new CampaignReward.CouponIssue(reference("reward.code", reward.code()));
            }
            case "pool_draw" -> {
                only(reward, reward.asset() == null && reward.amount() == null && reward.code() == null, "pool_id");
                yield new CampaignReward.PoolDraw(reference("reward.pool_id", reward.poolId()));
            }
            default -> throw new InvalidRequestException("reward.kind", "reward.kind must be token_grant, coupon_issue or pool_draw");
        };
    }

    /** 422 {@code campaign-reward-unavailable} for a kind the ledger cannot deliver yet: nothing is stored. */
    void requireDeliverable(CampaignReward reward) {
        reward.deliver(DELIVERABLE, null);
    }

    /** The steps that pay {@code reward} to {@code player} after the campaign's delivery step (a pool's draw would be two). */
    List<Step> payment(CampaignReward reward, WalletId player, String campaignId, String idempotencyKey) {
        return reward.deliver(new Payment(campaignId, idempotencyKey), player);
    }

    private record Payment(String campaignId, String idempotencyKey) implements CampaignReward.Delivery<List<Step>> {

        @Override
        public List<Step> tokenGrant(CampaignReward.TokenGrant reward, WalletId player) {
            return List.of((transactionId, before) -> new ReceiveRewardCommand(player, transactionId, idempotencyKey,
                    new RewardSource(RewardSource.Kind.CAMPAIGN, campaignId), null, new AssetAmount(reward.asset(), reward.amountMinor())));
        }

        @Override
        public List<Step> couponIssue(CampaignReward.CouponIssue reward, WalletId player) {
            throw unavailable("coupon_issue");
        }

        @Override
        public List<Step> poolDraw(CampaignReward.PoolDraw reward, WalletId player) {
            throw unavailable("pool_draw");
        }
    }

    private static final CampaignReward.Delivery<Void> DELIVERABLE = new CampaignReward.Delivery<>() {
        @Override
        public Void tokenGrant(CampaignReward.TokenGrant reward, WalletId player) {
            return null;
        }

        @Override
        public Void couponIssue(CampaignReward.CouponIssue reward, WalletId player) {
            throw unavailable("coupon_issue");
        }

        @Override
        public Void poolDraw(CampaignReward.PoolDraw reward, WalletId player) {
            throw unavailable("pool_draw");
        }
    };

    private static RuleViolation unavailable(String kind) {
        return new RuleViolation(RuleViolation.Rule.CAMPAIGN_REWARD_UNAVAILABLE, "campaigns cannot deliver " + kind
                + " rewards yet; use a token_grant reward", Map.of("reward_kind", kind));
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
