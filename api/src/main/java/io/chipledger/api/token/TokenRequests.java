package io.chipledger.api.token;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON bodies of the token admin API (snake_case on the wire). Amounts are whole tokens as
 * decimal strings; {@code token_type} is a configured asset of kind TOKEN (the document lists
 * them). {@code transaction_id_partner} may be replaced by the {@code Idempotency-Key} header.
 */
public final class TokenRequests {

    /** Players in one bulk grant: a campaign larger than this is paid in several requests, each with its own key. */
    public static final int BULK_GRANT_PLAYERS_MAX = 200;

    private TokenRequests() {
    }

    /** A grant or a revocation of one player's tokens; {@code reason} 1-500 characters, {@code label} at most 100. */
    record TokenRequest(@Schema(requiredMode = REQUIRED, example = "ROULETTE_COIN") String tokenType,
                        @Schema(requiredMode = REQUIRED, example = "10") BigDecimal amount,
                        @Schema(requiredMode = REQUIRED, example = "welcome bonus") String reason,
                        @Schema(example = "signup") String label,
                        @Schema(example = "grant-1") String transactionIdPartner) {
    }

    record PlayerGrant(@Schema(requiredMode = REQUIRED, example = "alice") String playerId,
                       @Schema(requiredMode = REQUIRED, example = "5") BigDecimal amount) {
    }

    /** 1-200 grants, one per player, all made or none. */
    record BulkGrantRequest(@Schema(requiredMode = REQUIRED, example = "ROULETTE_COIN") String tokenType,
                            @Schema(requiredMode = REQUIRED, example = "tournament prize") String reason,
                            @Schema(example = "weekly-cup") String label,
                            @Schema(example = "cup-2026-48") String transactionIdPartner,
                            @Schema(requiredMode = REQUIRED) List<PlayerGrant> grants) {
    }
}
