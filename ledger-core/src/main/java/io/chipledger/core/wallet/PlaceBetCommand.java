package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stake an amount on a game round. */
public record PlaceBetCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId) {
}
