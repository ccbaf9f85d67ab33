package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allow debits on a wallet again. */
public record UnfreezeWalletCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String reason) {
}
