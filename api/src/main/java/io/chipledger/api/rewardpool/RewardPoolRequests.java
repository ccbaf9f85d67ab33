package io.chipledger.api.rewardpool;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The bodies of the reward pool APIs (issue 20). Field names are snake_case on the wire; amounts are decimal strings in the asset's scale. */
final class RewardPoolRequests {

    private RewardPoolRequests() {
    }

    /** An amount of one configured asset: a reward, or the stake (a game token) a player pays to open a pool. */
    record AmountRequest(@Schema(requiredMode = REQUIRED, example = "CC_COIN") String asset,
                         @Schema(requiredMode = REQUIRED, example = "50") BigDecimal amount) {
    }

    /**
     * One item: its id (unique in the pool), its weight (a whole number; the odds are weight over the
     * in-stock weights), what it gives (left out for a blank) and how many the pool holds (left out:
     * no limit).
     */
    record ItemRequest(@Schema(requiredMode = REQUIRED, example = "gold", pattern = "^[A-Za-z0-9_.\\-]{1,32}$") String itemId,
                       @Schema(requiredMode = REQUIRED, example = "5", minimum = "1", maximum = "1000000000") Long weight,
                       AmountRequest reward,
                       @Schema(example = "10", minimum = "1", maximum = "1000000000") Long stock) {
    }

    /**
     * A new pool: a name (1-100 characters), 1-100 items whose weights add up to at most 10^9, at
     * least one of them with a reward, and an optional stake in a game token.
     */
    record PoolRequest(@Schema(requiredMode = REQUIRED, example = "Autumn chest", minLength = 1, maxLength = 100) String name,
                       @Schema(requiredMode = REQUIRED) List<ItemRequest> items,
                       AmountRequest stake) {
    }

    /** A player opens a pool of the partner; the key makes a retry answer the same draw. */
    record DrawRequest(@Schema(requiredMode = REQUIRED, example = "pool_4f1c2a9b7d3e5a60", pattern = "^pool_[0-9a-f]{16}$") String poolId,
                       @Schema(example = "draw-1") String transactionIdPartner) {
    }
}
