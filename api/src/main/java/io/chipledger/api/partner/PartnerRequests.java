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
}
