package io.chipledger.api.play;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a free-to-play game's result (snake_case on the wire): the stake in a game
 * token, the rewards (at most {@code PlayerWallet.PLAY_REWARDS_MAX}, any configured asset) and
 * the game's outcome as free-form JSON of at most 2 KiB.
 */
final class PlayRequests {

    private PlayRequests() {
    }

    record StakeRequest(@Schema(requiredMode = REQUIRED, example = "ROULETTE_COIN") String tokenType,
                        @Schema(requiredMode = REQUIRED, example = "1") BigDecimal amount) {
    }

    record RewardRequest(@Schema(requiredMode = REQUIRED, example = "CC_COIN") String asset,
                         @Schema(requiredMode = REQUIRED, example = "5") BigDecimal amount) {
    }

    /** {@code event_id} is the play's identity as player activity; without it, one is derived from the transaction id. */
    record PlayRequest(@Schema(requiredMode = REQUIRED, example = "ROULETTE") String game,
                       @Schema(example = "roulette-eu") String configId,
                       @Schema(requiredMode = REQUIRED) StakeRequest stake,
                       List<RewardRequest> rewards,
                       @Schema(example = "{\"number\": 17}") Map<String, Object> outcome,
                       @Schema(example = "play-1") String transactionIdPartner,
                       @Schema(format = "uuid", example = "5d2c8e41-7a3b-4f09-b6d1-2e8f4c9a0b17") String eventId) {
    }
}
