package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop debits on a wallet. */
public record FreezeWalletCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String reason) {
}
