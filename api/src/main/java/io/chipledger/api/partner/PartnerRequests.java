package io.chipledger.api.partner;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON bodies of the partner admin API (snake_case on the wire). {@code commission_rate} is a
 * decimal fraction 0-1 with at most 4 decimals; {@code type} and {@code settlement_policy} are
 * lower case (the document lists the values).
 */
final class PartnerRequests {

    private PartnerRequests() {
    }

    /** A registration: {@code settlement_policy} may be left out ({@code single_win}). */
    record PartnerRegistration(@Schema(requiredMode = REQUIRED, maxLength = PartnerAdminController.NAME_LENGTH_MAX, example = "Lucky Ops")
                               String name,
                               @Schema(requiredMode = REQUIRED, example = "operator") String type,
                               @Schema(requiredMode = REQUIRED, example = "0.05") BigDecimal commissionRate,
                               @Schema(requiredMode = REQUIRED, maxLength = PartnerAdminController.EMAIL_LENGTH_MAX,
                                       example = "ops@lucky.example") String contactEmail,
                               @Schema(example = "single_win") String settlementPolicy) {
    }

    /**
     * An update names at least one field. {@code type} is not a field of an update (a partner's type
     * is set when it is registered); it is read only to refuse it with a clear problem.
     */
    record PartnerUpdate(@Schema(maxLength = PartnerAdminController.NAME_LENGTH_MAX, example = "Lucky Ops Ltd") String name,
                         @Schema(hidden = true) String type,
                         @Schema(example = "0.04") BigDecimal commissionRate,
                         @Schema(maxLength = PartnerAdminController.EMAIL_LENGTH_MAX, example = "finance@lucky.example") String contactEmail,
                         @Schema(example = "multi_win") String settlementPolicy) {
    }

    /** Why a partner is suspended or reactivated: 1-500 characters, kept in the event. */
    record StatusRequest(@Schema(requiredMode = REQUIRED, example = "contract ended") String reason) {
    }

    /** {@code expires_at}: optional ISO-8601 instant; absent, null or empty: the key never expires (see {@link io.chipledger.api.security.KeyExpiry}). */
    record KeyRequest(@Schema(requiredMode = REQUIRED, example = "[\"wallet:read\", \"wallet:write\"]") List<String> scopes,
                      @Schema(example = "2027-12-31T00:00:00Z") String expiresAt) {
    }

    /**
     * A rotation: the old key works until {@code old_key_expires_at} (required: after now, at most
     * {@link PartnerAccessController#ROTATION_OVERLAP_MAX_DAYS} days ahead, never after the old key's
     * own expiry); {@code expires_at} is the new key's own, optional as at issue.
     */
    record KeyRotationRequest(@Schema(requiredMode = REQUIRED, example = "2026-12-08T00:00:00Z") String oldKeyExpiresAt,
                              @Schema(example = "2027-12-31T00:00:00Z") String expiresAt) {
    }

    /**
     * The addresses the partner's keys are accepted from: IPv4 or IPv6 CIDR blocks (a bare address
     * is a block of one), at most {@link io.chipledger.core.partner.Partner#IP_ALLOW_LIST_MAX}; an
     * empty list accepts every address. {@code reason}: 1-500 characters, kept in the event.
     */
    record IpAllowListRequest(@Schema(requiredMode = REQUIRED, example = "[\"203.0.113.0/24\", \"2001:db8::/32\"]") List<String> cidrs,
                              @Schema(requiredMode = REQUIRED, example = "new egress range of the game servers") String reason) {
    }

    /**
     * Each of the partner's keys may make {@code requests_per_second} requests a second (1-100,000),
     * in bursts of up to {@code burst} (from {@code requests_per_second} to 100,000). Both left out
     * or null: back to the service's configured default.
     */
    record RateLimitRequest(@Schema(example = "200") Integer requestsPerSecond,
                            @Schema(example = "400") Integer burst) {
    }
}
