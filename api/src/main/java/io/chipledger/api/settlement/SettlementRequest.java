package io.chipledger.api.settlement;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Issue a statement: the partner, the whole UTC days {@code [from, to)} (ISO dates, at most 366
 * days, ended at least a minute ago), and, for a correction, the statement it replaces.
 */
public record SettlementRequest(@Schema(example = "p_0123456789abcdef", requiredMode = Schema.RequiredMode.REQUIRED) String partnerId,
                                @Schema(example = "2026-11-01", requiredMode = Schema.RequiredMode.REQUIRED) String from,
                                @Schema(example = "2026-12-01", requiredMode = Schema.RequiredMode.REQUIRED) String to,
                                @Schema(example = "st_p_0123456789abcdef_2026-11-01_2026-12-01", nullable = true) String corrects) {
}
