package io.chipledger.core.wallet;

/** How a two-phase withdrawal was decided; a decided withdrawal is never decided again (409 {@code withdrawal-already-decided}). */
public enum WithdrawalDecision {
    APPROVED,
    REJECTED,
    CANCELLED,
    EXPIRED;

    static WithdrawalDecision of(WithdrawalRelease release) {
        return switch (release) {
            case REJECTED -> REJECTED;
            case CANCELLED -> CANCELLED;
            case EXPIRED -> EXPIRED;
        };
    }
}
