package io.chipledger.core.rewardpool;

import io.chipledger.core.wallet.AssetAmount;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a reward pool is made of (issue 20): its name, its items in order (the order the draw
 * walks, {@link FairDraw}) and what a player pays to open it ({@code stake}, null when opening is
 * free). Checked whole before anything is stored; the assets and the amounts' scales are the
 * API's to check, against its configured assets.
 *
 * @param name 1 to {@value #NAME_LENGTH_MAX} characters, no control characters
 * @param items 1 to {@value #ITEMS_MAX}, ids unique, weights adding up to at most {@value #WEIGHT_TOTAL_MAX},
 *        at least one with a reward
 */
public record RewardPoolDefinition(String name, List<RewardPoolItem> items, AssetAmount stake) {

    public static final int NAME_LENGTH_MAX = 100;
    public static final int ITEMS_MAX = 100;
    /** The weights of a pool add up to at most this, so odds are exact fractions of small whole numbers. */
    public static final long WEIGHT_TOTAL_MAX = 1_000_000_000L;
    private static final Pattern NAME = Pattern.compile("[^\\p{Cc}\\p{Cf}]+");

    /**
     * The definition, its name in NFC and its item list unmodifiable.
     *
     * @throws InvalidRewardPoolException naming the first field that does not hold
     */
    public RewardPoolDefinition validated() {
        String written = name == null ? null : Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        if (written == null || written.isEmpty() || written.codePointCount(0, written.length()) > NAME_LENGTH_MAX
                || !NAME.matcher(written).matches()) {
            throw new InvalidRewardPoolException("name", "a pool's name is 1-" + NAME_LENGTH_MAX + " characters, without control characters");
        }
        if (items == null || items.isEmpty() || items.size() > ITEMS_MAX) {
            throw new InvalidRewardPoolException("items", "a pool has 1-" + ITEMS_MAX + " items");
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (int index = 0; index < items.size(); index++) {
            String field = "items[" + index + "]";
            RewardPoolItem item = items.get(index);
            if (item == null) {
                throw new InvalidRewardPoolException(field, "an item is {item_id, weight, reward, stock}");
            }
            item.check(field);
            if (!ids.add(item.itemId())) {
                throw new InvalidRewardPoolException(field + ".item_id", "item " + item.itemId() + " is named twice; item ids are unique in a pool");
            }
            total += item.weight();
            if (total > WEIGHT_TOTAL_MAX) {
                throw new InvalidRewardPoolException(field + ".weight", "a pool's weights add up to at most " + WEIGHT_TOTAL_MAX);
            }
        }
        if (items.stream().allMatch(item -> item.reward() == null)) {
            throw new InvalidRewardPoolException("items", "a pool gives something: at least one item has a reward");
        }
        return new RewardPoolDefinition(written, List.copyOf(items), stake);
    }
}
