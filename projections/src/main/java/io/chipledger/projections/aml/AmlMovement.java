package io.chipledger.projections.aml;

import java.time.Instant;

/**
 * A money movement of a player as the AML engine sees it: when (the event's time, never the
 * clock's), what kind, how much of which currency (minor units), and the ledger's transaction id.
 */
public record AmlMovement(Instant at, Kind kind, String currency, long amountMinor, String transactionId) {

    /**
     * The movements the engine watches: money in and out of the cashier, and play. A rollback (a
     * bet's stake refunded) is not scored: it is kept so that a cancelled bet does not count as
     * play (the rapid movement rule).
     */
    public enum Kind {
        DEPOSIT,
        WITHDRAWAL,
        BET,
        WIN,
        ROLLBACK;

        /** Money through the cashier, which structuring is about. */
        public boolean cashier() {
            return this == DEPOSIT || this == WITHDRAWAL;
        }

        /** Whether a movement of this kind is scored; a rollback only undoes play. */
        public boolean scored() {
            return this != ROLLBACK;
        }
    }

    public AmlMovement {
        if (at == null || kind == null || currency == null || amountMinor <= 0 || transactionId == null) {
            throw new IllegalArgumentException("a movement has a time, a kind, a currency, a positive amount and a transaction id");
        }
    }
}
