package io.chipledger.core.rewardpool;

import io.chipledger.core.wallet.AssetAmount;
import java.util.regex.Pattern;

/**
 * One item of a reward pool: its id within the pool, its weight (the odds of drawing it are its
 * weight over the weights of the items in stock), what it gives ({@code reward}, null for a blank
 * that gives nothing) and how many of it the pool holds ({@code stock}, null for no limit).
 *
 * @param itemId {@value #ITEM_ID_PATTERN}, unique within the pool
 * @param weight 1 to {@value RewardPoolDefinition#WEIGHT_TOTAL_MAX}
 * @param stock 1 to {@value #STOCK_MAX}, or null
 */
public record RewardPoolItem(String itemId, long weight, AssetAmount reward, Long stock) {

    public static final String ITEM_ID_PATTERN = "[A-Za-z0-9_.\\-]{1,32}";
    static final Pattern ITEM_ID = Pattern.compile(ITEM_ID_PATTERN);
    /** The largest stock an item may hold: a billion of anything is more than any campaign gives. */
    public static final long STOCK_MAX = 1_000_000_000L;

    /** Checks the item, naming {@code field} (such as {@code items[2]}) in a refusal. */
    void check(String field) {
        if (itemId == null || !ITEM_ID.matcher(itemId).matches()) {
            throw new InvalidRewardPoolException(field + ".item_id", "an item's id is 1-32 letters, digits, '_', '.' or '-'");
        }
        if (weight <= 0 || weight > RewardPoolDefinition.WEIGHT_TOTAL_MAX) {
            throw new InvalidRewardPoolException(field + ".weight", "an item's weight is a whole number from 1 to "
                    + RewardPoolDefinition.WEIGHT_TOTAL_MAX);
        }
        if (stock != null && (stock <= 0 || stock > STOCK_MAX)) {
            throw new InvalidRewardPoolException(field + ".stock", "an item's stock is 1 to " + STOCK_MAX + ", or left out for no limit");
        }
    }
}
