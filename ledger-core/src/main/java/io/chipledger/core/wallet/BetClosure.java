package io.chipledger.core.wallet;

/** How a bet ended, remembered so that a late rollback or a late bet is answered correctly. */
public record BetClosure(Kind kind, String closingTransactionId) {

    public enum Kind {
        SETTLED,
        ROLLED_BACK
    }
}
