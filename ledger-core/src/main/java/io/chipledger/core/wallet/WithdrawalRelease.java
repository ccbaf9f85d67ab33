package io.chipledger.core.wallet;

/** Why a pending withdrawal gave its reserved amount back. */
public enum WithdrawalRelease {
    /** The operator refused it. */
    REJECTED,
    /** The player withdrew the request. */
    CANCELLED,
    /** Nobody decided before its deadline. */
    EXPIRED
}
