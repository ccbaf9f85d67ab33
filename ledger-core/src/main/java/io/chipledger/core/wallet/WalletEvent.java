package io.chipledger.core.wallet;

/** Every event of a {@link PlayerWallet}. */
public interface WalletEvent {
    WalletId walletId();
}
