package io.chipledger.api.wallet;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The JSON body of {@code POST /api/v1/batches} (snake_case on the wire); see {@link BatchController}. */
final class BatchRequests {

    private BatchRequests() {
    }

    /**
     * {@code atomic}: absent or false, each command stands on its own (one command's refusal never
     * refuses another); true, the batch is applied whole or not at all.
     */
    record BatchRequest(@Schema(example = "false") Boolean atomic,
                        @Schema(requiredMode = REQUIRED) List<BatchCommand> commands) {
    }

    /**
     * One command of a batch: {@code operation} names it, {@code player_id} its wallet, and the
     * other fields are those of the operation's own endpoint, with the same rules; a field the
     * operation does not have is refused. {@code transaction_id_partner} is required: it is the
     * command's idempotency key, and a command sent alone and the same command in a batch replay
     * each other.
     */
    record BatchCommand(@Schema(requiredMode = REQUIRED, allowableValues = {"deposit", "withdrawal", "bet", "win", "rollback"},
                                example = "win") String operation,
                        @Schema(requiredMode = REQUIRED, example = "player-42") String playerId,
                        @Schema(requiredMode = REQUIRED, example = "win-1") String transactionIdPartner,
                        @Schema(description = "only for: deposit, withdrawal, bet, win", example = "25.00") BigDecimal amount,
                        @Schema(description = "only for: deposit, withdrawal, bet, win", example = "USD") String currency,
                        @Schema(description = "only for: withdrawal", allowableValues = {"immediate", "two_phase"}) String mode,
                        @Schema(description = "only for: bet, win", example = "slots") String gameId,
                        @Schema(description = "only for: bet, win", example = "r-1") String roundId,
                        @Schema(description = "only for: win", example = "bet-1") String betTransactionIdPartner,
                        @Schema(description = "only for: win", example = "true") Boolean roundClosed,
                        @Schema(description = "only for: rollback", example = "bet-2") String rolledBackTransactionIdPartner) {
    }
}
