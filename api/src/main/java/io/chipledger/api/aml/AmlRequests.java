package io.chipledger.api.aml;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the AML admin API (issue 15). Field names are snake_case on the wire. */
final class AmlRequests {

    private AmlRequests() {
    }

    /**
     * An investigator's own alert about a player: {@code type} a short name of 1-64 characters
     * (e.g. {@code sanctions_hit}), {@code severity} LOW, MEDIUM, HIGH or CRITICAL, {@code score}
     * 0-100 (default 0), and an optional first note of at most 2,000 characters.
     */
    record RaiseAlert(@Schema(example = "p_0123456789abcdef", requiredMode = Schema.RequiredMode.REQUIRED) String partnerId,
                      @Schema(example = "player-42", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String playerId,
                      @Schema(example = "sanctions_hit", requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[a-z][a-z0-9_]{0,63}$")
                      String type,
                      @Schema(example = "HIGH", requiredMode = Schema.RequiredMode.REQUIRED,
                              allowableValues = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity,
                      @Schema(example = "70", minimum = "0", maximum = "100", nullable = true) Integer score,
                      @Schema(example = "Name matches a sanctions list entry", minLength = 1, maxLength = 2000, nullable = true) String note) {
    }

    /** Give the alert to an investigator: 1-64 characters, e.g. their admin key's actor or their name. */
    record Assignment(@Schema(example = "admin-key:ak_0123456789abcdef", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
                              maxLength = 64) String assignee) {
    }

    /**
     * The next status: INVESTIGATING (from NEW), CLOSED with a {@code reason} or REPORTED with a
     * {@code report_reference} (both from INVESTIGATING); a reason is 1-500 characters, a reference 1-64.
     */
    record StatusChange(@Schema(example = "CLOSED", requiredMode = Schema.RequiredMode.REQUIRED,
                                allowableValues = {"INVESTIGATING", "CLOSED", "REPORTED"}) String status,
                        @Schema(example = "Salary deposit, documented", nullable = true) String reason,
                        @Schema(example = "STR-2026-0042", minLength = 1, maxLength = 64, nullable = true) String reportReference) {
    }

    /** An investigator's note: 1-2,000 characters. */
    record Note(@Schema(example = "Called the player; source of funds requested", requiredMode = Schema.RequiredMode.REQUIRED,
                        minLength = 1, maxLength = 2000) String note) {
    }

    /**
     * Run the engine again over {@code [from, to)} (at most 31 days) with the current thresholds:
     * one partner or all; {@code raise} true raises the alerts not raised yet (default false: a
     * backtest that changes nothing).
     */
    record Rescan(@Schema(example = "p_0123456789abcdef", nullable = true) String partnerId,
                  @Schema(example = "2026-11-01T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String from,
                  @Schema(example = "2026-11-08T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String to,
                  @Schema(example = "false", nullable = true) Boolean raise) {
    }
}
