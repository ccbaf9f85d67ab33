package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.core.rewardpool.FairDraw;
import java.util.ArrayList;
import java.util.List;

/**
 * The draws of one reward pool, recomputed from its events (issue 20; docs/audit.md): each
 * {@code rewardpool.RewardDrawnEvent}'s seed and inputs give, through {@link FairDraw}, the item,
 * roll and total weight it records; and its inputs are the pool's items as created, with the
 * stock the draws before it left. Where the pool's creation is not in what is verified (an export
 * of a period), the draws are recomputed from their own inputs only.
 */
final class DrawCheck {

    /** What a failure is reported with: the check, what was expected and what was found. */
    @FunctionalInterface
    interface Failure {
        void report(String check, String expected, String found);
    }

    /** The pool's items as the draws so far leave them, in the pool's order; null before its creation is seen. */
    private List<FairDraw.Candidate> items;

    void accept(String payloadType, JsonNode payload, Failure failure) {
        try {
            if (payloadType.equals("rewardpool.RewardPoolCreatedEvent")) {
                items = candidates(payload.path("items"), "stock");
            } else if (payloadType.equals("rewardpool.RewardDrawnEvent")) {
                draw(payload, failure);
            }
        } catch (IllegalArgumentException unreadable) {
            failure.report("reward pool's items and draw", "items with ids, positive weights, stocks of 0 or more, "
                    + "a 32-byte hex seed and an item in stock", unreadable.getMessage());
        }
    }

    private void draw(JsonNode payload, Failure failure) {
        List<FairDraw.Candidate> inputs = candidates(payload.path("inputs"), "remaining_stock");
        FairDraw.Pick pick = FairDraw.pick(payload.path("seed").asText(), inputs);
        String recorded = payload.path("item_id").asText() + " roll " + payload.path("roll").asLong() + " of "
                + payload.path("total_weight").asLong();
        String recomputed = pick.itemId() + " roll " + pick.roll() + " of " + pick.totalWeight();
        if (!recomputed.equals(recorded)) {
            failure.report("draw recomputed from its seed and inputs (FairDraw)", recomputed, recorded);
        }
        if (items == null) {
            return;
        }
        if (!inputs.equals(items)) {
            failure.report("draw's inputs: the pool's items with the stock the draws before left", items.toString(), inputs.toString());
        }
        // Goes on from what the pool holds, so one forged draw is one failure, not one at every draw after it.
        int index = pick.index();
        if (index < items.size() && items.get(index).remainingStock() != null && items.get(index).remainingStock() > 0) {
            FairDraw.Candidate drawn = items.get(index);
            items.set(index, new FairDraw.Candidate(drawn.itemId(), drawn.weight(), drawn.remainingStock() - 1));
        }
    }

    /** The items of a pool's creation ({@code stock}) or a draw's inputs ({@code remaining_stock}); a null stock is no limit. */
    private static List<FairDraw.Candidate> candidates(JsonNode items, String stockField) {
        List<FairDraw.Candidate> candidates = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode stock = item.path(stockField);
            candidates.add(new FairDraw.Candidate(item.path("item_id").asText(), item.path("weight").asLong(),
                    stock.isNull() || stock.isMissingNode() ? null : stock.asLong()));
        }
        return candidates;
    }
}
