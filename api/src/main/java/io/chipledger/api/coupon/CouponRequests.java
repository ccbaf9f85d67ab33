package io.chipledger.api.coupon;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * The JSON bodies of the coupon API (snake_case on the wire). Amounts are decimal strings in the
 * asset's scale; a percentage is whole basis points (1,250 = 12.5%).
 */
final class CouponRequests {

    private CouponRequests() {
    }

    /**
     * A new coupon. {@code code}: 4..32 letters, digits, '-' or '_', any case (kept upper case).
     * {@code kind} decides which terms are needed: {@code bonus_token} and {@code fixed} an
     * {@code asset} (a game token, a currency) and {@code amount}; {@code free_spins} a
     * {@code game_id} and {@code count} (1..1,000); {@code percentage} an {@code asset} (a currency),
     * {@code percent_basis_points} (1..10,000), {@code window_days} (1..90) and {@code cap}.
     * {@code expires_at} in the future (at most ten years), {@code usage_limit} 1..100,000 uses in
     * all, {@code per_player_limit} 1..100 (1 when absent), {@code segment} optional.
     */
    record CreateCouponRequest(@Schema(requiredMode = REQUIRED, example = "WELCOME10") String code,
                               @Schema(requiredMode = REQUIRED, example = "fixed",
                                       allowableValues = {"bonus_token", "fixed", "free_spins", "percentage"}) String kind,
                               @Schema(example = "USD") String asset,
                               @Schema(example = "10.00") BigDecimal amount,
                               @Schema(example = "book-of-ra") String gameId,
                               @Schema(example = "25") Integer count,
                               @Schema(example = "1250") Integer percentBasisPoints,
                               @Schema(example = "7") Integer windowDays,
                               @Schema(example = "50.00") BigDecimal cap,
                               @Schema(requiredMode = REQUIRED, example = "2027-01-31T00:00:00Z") String expiresAt,
                               @Schema(requiredMode = REQUIRED, example = "1000") Integer usageLimit,
                               @Schema(example = "1") Integer perPlayerLimit,
                               @Schema(example = "VIP") String segment) {
    }

    /** {@code reason}: 1..500 characters, kept in the coupon's history. */
    record DisableCouponRequest(@Schema(requiredMode = REQUIRED, example = "code leaked on a forum") String reason) {
    }

    /** A player redeems {@code code} (any case); {@code transaction_id_partner} may be replaced by the {@code Idempotency-Key} header. */
    record RedemptionRequest(@Schema(requiredMode = REQUIRED, example = "welcome10") String code,
                             @Schema(example = "redeem-1") String transactionIdPartner) {
    }
}
