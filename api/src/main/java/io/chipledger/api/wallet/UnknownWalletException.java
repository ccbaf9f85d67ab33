package io.chipledger.api.wallet;

import io.chipledger.core.wallet.WalletId;

/** A command or query for a wallet that has never received a deposit. */
public class UnknownWalletException extends RuntimeException {

    public UnknownWalletException(WalletId walletId) {
        super("player " + walletId.playerId() + " has no wallet; a first deposit opens it");
    }
}
