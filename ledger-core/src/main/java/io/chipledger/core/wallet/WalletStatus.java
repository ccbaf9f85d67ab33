package io.chipledger.core.wallet;

public enum WalletStatus {
    ACTIVE,
    /** Debits are refused; wins, rollbacks and deposits still arrive. */
    FROZEN
}
