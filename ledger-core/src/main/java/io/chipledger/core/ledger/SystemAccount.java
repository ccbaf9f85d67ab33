package io.chipledger.core.ledger;

/**
 * The partner's side of every money movement. System accounts may go negative and exist only
 * as projections: the cashier account of a partner that took deposits is negative by what its
 * players hold.
 */
public enum SystemAccount {
    /** Bets and wins. */
    HOUSE,
    /** Deposits and withdrawals. */
    CASHIER,
    /** Grants and bonuses. */
    PROMO,
    /** Purchases. */
    SHOP,
    /** Corrections by an admin. */
    ADJUSTMENT;

    public String accountName() {
        return "system:" + name().toLowerCase();
    }
}
