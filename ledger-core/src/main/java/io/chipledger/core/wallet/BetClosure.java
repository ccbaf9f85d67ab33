package io.chipledger.core.wallet;

/**
 * How a bet ended, remembered so that a late rollback, a late bet or a win naming it is answered
 * correctly: settled or rolled back, by which of the ledger's transactions, in which round
 * ({@link OpenRound#key}; null for a rollback of a bet never seen, and in closures recorded before
 * issue 11 kept the round), and the bet's asset (null for a bet never seen, and in closures
 * recorded before issue 12 kept it), which a repeated rollback answers in.
 */
public record BetClosure(Kind kind, String closingTransactionId, String roundKey, String asset) {

    public enum Kind {
        SETTLED,
        ROLLED_BACK
    }
}
