package io.chipledger.api.rewardpool;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.wallet.WalletResponses.BalanceView;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.rewardpool.FairDraw;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.projections.rewardpool.RewardPoolProjection.ItemView;
import io.chipledger.projections.rewardpool.RewardPoolProjection.PoolView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the reward pool APIs answer (issue 20). */
final class RewardPoolResponses {

    /** Decimal places of a published probability; the fraction beside it is exact. */
    static final int PROBABILITY_SCALE = 6;

    private RewardPoolResponses() {
    }

    /** An amount of one asset, as a decimal string in the asset's scale. */
    record Amount(@Schema(example = "CC_COIN") String asset, @Schema(example = "50") String amount) {

        static Amount of(AssetAmount amount, AssetRegistry assets) {
            return amount == null ? null
                    : new Amount(amount.asset(), AmountFormat.toDecimalString(amount.amountMinor(), assets.require(amount.asset())));
        }
    }

    /**
     * The odds of one item in the next draw: {@code probability} is the exact fraction weight / total
     * in-stock weight ({@code "0"} when the item has none left), {@code probability_decimal} the same
     * to {@value #PROBABILITY_SCALE} places (half-even).
     */
    record Odds(@Schema(example = "5/100") String probability, @Schema(example = "0.050000") String probabilityDecimal) {

        static Odds of(ItemView item, long totalInStock) {
            boolean inStock = item.remaining() == null || item.remaining() > 0;
            if (!inStock || totalInStock == 0) {
                return new Odds("0", BigDecimal.ZERO.setScale(PROBABILITY_SCALE).toPlainString());
            }
            return new Odds(item.weight() + "/" + totalInStock, BigDecimal.valueOf(item.weight())
                    .divide(BigDecimal.valueOf(totalInStock), PROBABILITY_SCALE, RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    /** The in-stock weight the next draw is made from: the denominator of every item's odds. */
    static long totalInStock(List<ItemView> items) {
        return FairDraw.totalWeight(items.stream().map(item -> new FairDraw.Candidate(item.itemId(), item.weight(), item.remaining())).toList());
    }

    /** One item as players see it: what it gives, its weight, what is left of it (null: no limit) and its odds. */
    record PublicItem(String itemId, long weight, Amount reward, Long remaining, String probability, String probabilityDecimal) {
    }

    /**
     * A pool's published odds: every item with its weight and its probability in the next draw,
     * over the items still in stock; {@code total_weight} is their weights' sum.
     */
    record PublishedOdds(String poolId, String name, @Schema(example = "open") String status, Amount stake, long totalWeight,
                         List<PublicItem> items) {

        static PublishedOdds of(PoolView pool, AssetRegistry assets) {
            long total = totalInStock(pool.items());
            return new PublishedOdds(pool.poolId(), pool.name(), pool.status(), Amount.of(pool.stake(), assets), total,
                    pool.items().stream().map(item -> {
                        Odds odds = Odds.of(item, total);
                        return new PublicItem(item.itemId(), item.weight(), Amount.of(item.reward(), assets), item.remaining(),
                                odds.probability(), odds.probabilityDecimal());
                    }).toList());
        }
    }

    /** One item as staff see it: its definition, its odds now, what is left and how many times it was drawn. */
    record StaffItem(String itemId, long weight, Amount reward, Long stock, Long remaining, long drawn, String probability,
                     String probabilityDecimal) {
    }

    /** A pool as staff see it, with its items (empty in a listing) and who made and closed it (admin keys). */
    record Pool(@Schema(example = "pool_4f1c2a9b7d3e5a60") String poolId, String partnerId, String name, @Schema(example = "open") String status,
                Amount stake, long draws, long totalWeight, List<StaffItem> items, Instant createdAt,
                @Schema(example = "admin-key:ak_0123456789abcdef") String createdBy, Instant closedAt, String closedBy) {

        static Pool of(PoolView pool, AssetRegistry assets) {
            long total = totalInStock(pool.items());
            return new Pool(pool.poolId(), pool.partnerId(), pool.name(), pool.status(), Amount.of(pool.stake(), assets), pool.draws(), total,
                    pool.items().stream().map(item -> {
                        Odds odds = Odds.of(item, total);
                        return new StaffItem(item.itemId(), item.weight(), Amount.of(item.reward(), assets), item.stock(), item.remaining(),
                                item.drawn(), odds.probability(), odds.probabilityDecimal());
                    }).toList(),
                    pool.createdAt(), pool.createdBy(), pool.closedAt(), pool.closedBy());
        }
    }

    /** A partner's pools, newest first (at most 500), without their items. */
    record Pools(List<Pool> pools) {
    }

    /**
     * A draw's answer: the item drawn and what it credited ({@code reward}, null for a blank), the
     * stake paid (null when none), the wallet's transaction and balances after (null when the wallet
     * was not moved: a blank without a stake), and how it was drawn ({@code seed}, {@code roll} of
     * {@code total_weight}: docs/audit.md recomputes it). {@code position} is for
     * {@code consistent_with}.
     */
    record DrawResponse(String drawId, String poolId, String playerId, String transactionIdPartner, String itemId, Amount reward,
                        Amount stake, String transactionId, Map<String, BalanceView> balances, String seed, long roll, long totalWeight,
                        long position, Instant processedAt) {
    }
}
