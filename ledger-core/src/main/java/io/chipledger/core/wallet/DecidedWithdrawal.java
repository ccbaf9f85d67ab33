package io.chipledger.core.wallet;

/** A two-phase withdrawal that was decided, and the ledger's id of the transaction that decided it. */
public record DecidedWithdrawal(WithdrawalDecision decision, String transactionId) {
}
