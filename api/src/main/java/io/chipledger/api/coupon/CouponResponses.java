package io.chipledger.api.coupon;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.wallet.WalletResponses.BalanceView;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.coupon.CouponRedemptionReceipt;
import io.chipledger.core.coupon.CouponReward;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.projections.coupon.CouponProjection.CouponView;
import io.chipledger.projections.coupon.CouponProjection.RedemptionView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The coupon API's answers, amounts as decimal strings in their asset's scale. */
@Component
class CouponResponses {

    /** What a coupon gives, the fields of its {@code kind} only. */
    record Reward(String kind, String asset, String amount, String gameId, Integer count, Integer percentBasisPoints, Integer windowDays,
                  String cap) {
    }

    /** A coupon; {@code status} is {@code active}, {@code disabled} or {@code expired} (an active coupon past its expiry). */
    record Coupon(String code, Reward reward, Instant expiresAt, int usageLimit, int perPlayerLimit, String segment, String status, int uses,
                  Instant createdAt, String createdBy, Instant disabledAt, String disabledBy, String disabledReason) {
    }

    record CouponPage(List<Coupon> coupons, String nextCursor) {
    }

    /** One use: the credit (null for free spins) and, for a percentage, the net loss and its window. */
    record Redemption(int useNumber, String playerId, int playerUseNumber, String transactionId, String transactionIdPartner,
                      String creditedAsset, String creditedAmount, String netLoss, Instant windowFrom, Instant windowTo, String segment,
                      Instant redeemedAt, String redeemedBy) {
    }

    /** A coupon with a page of its uses, in the order they were made; {@code next_cursor} is the use number to continue after. */
    record CouponWithRedemptions(Coupon coupon, List<Redemption> redemptions, String nextCursor) {
    }

    /** A payback's inputs: the player's net loss over the window, and the terms that made the amount. */
    record Payback(Instant windowFrom, Instant windowTo, String netLoss, int percentBasisPoints, String cap, String amount) {
    }

    /**
     * A redemption's answer: what was granted ({@code credited}, null for free spins, whose game and
     * count are in {@code reward}), the wallet's transaction and balances after (null for free
     * spins: no money moved), and the position of the redemption's newest event.
     */
    record RedemptionResponse(String transactionIdPartner, String code, String playerId, int useNumber, int playerUseNumber, Reward reward,
                              Credit credited, Payback payback, String transactionId, Map<String, BalanceView> balances, long position,
                              Instant processedAt) {
    }

    record Credit(String asset, String amount) {
    }

    private final AssetRegistry assets;

    CouponResponses(AssetRegistry assets) {
        this.assets = assets;
    }

    Coupon coupon(CouponView view, Instant now) {
        String status = "active".equals(view.status()) && !now.isBefore(view.expiresAt()) ? "expired" : view.status();
        return new Coupon(view.code(), reward(view.reward()), view.expiresAt(), view.usageLimit(), view.perPlayerLimit(), view.segment(),
                status, view.uses(), view.createdAt(), view.createdBy(), view.disabledAt(), view.disabledBy(), view.disabledReason());
    }

    Redemption redemption(RedemptionView view) {
        return new Redemption(view.useNumber(), view.playerId(), view.playerUseNumber(), view.transactionId(), view.partnerTransactionId(),
                view.creditedAsset(), view.creditedAsset() == null ? null : amount(view.creditedAsset(), view.creditedMinor()),
                view.netLossMinor() == null ? null : amount(view.creditedAsset(), view.netLossMinor()), view.windowFrom(), view.windowTo(),
                view.segment(), view.redeemedAt(), view.redeemedBy());
    }

    Reward reward(CouponReward reward) {
        if (reward instanceof CouponReward.BonusToken tokens) {
            return new Reward(reward.kind(), tokens.asset(), amount(tokens.asset(), tokens.amountMinor()), null, null, null, null, null);
        }
        if (reward instanceof CouponReward.Fixed money) {
            return new Reward(reward.kind(), money.asset(), amount(money.asset(), money.amountMinor()), null, null, null, null, null);
        }
        if (reward instanceof CouponReward.FreeSpins spins) {
            return new Reward(reward.kind(), null, null, spins.gameId(), spins.count(), null, null, null);
        }
        CouponReward.Percentage percentage = (CouponReward.Percentage) reward;
        return new Reward(reward.kind(), percentage.asset(), null, null, null, percentage.percentBasisPoints(), percentage.windowDays(),
                amount(percentage.asset(), percentage.capMinor()));
    }

    RedemptionResponse redemption(String key, CouponRedemptionReceipt receipt, long position, Instant processedAt) {
        AssetAmount credited = receipt.credited();
        Payback payback = null;
        if (receipt.reward() instanceof CouponReward.Percentage percentage) {
            CouponEvents.NetLoss loss = receipt.netLoss();
            payback = new Payback(loss.windowFrom(), loss.windowTo(), amount(percentage.asset(), loss.netLossMinor()),
                    percentage.percentBasisPoints(), amount(percentage.asset(), percentage.capMinor()),
                    amount(credited.asset(), credited.amountMinor()));
        }
        Map<String, BalanceView> balances = null;
        if (receipt.wallet() != null) {
            balances = new TreeMap<>();
            for (var balance : receipt.wallet().balances().entrySet()) {
                balances.put(balance.getKey(), new BalanceView(amount(balance.getKey(), balance.getValue().available()),
                        amount(balance.getKey(), balance.getValue().reserved())));
            }
        }
        return new RedemptionResponse(key, receipt.code(), receipt.playerId(), receipt.useNumber(), receipt.playerUseNumber(),
                reward(receipt.reward()), credited == null ? null : new Credit(credited.asset(), amount(credited.asset(), credited.amountMinor())),
                payback, receipt.wallet() == null ? null : receipt.wallet().transactionId(), balances, position, processedAt);
    }

    private String amount(String asset, long minorUnits) {
        return AmountFormat.toDecimalString(minorUnits, assets.require(asset));
    }
}
