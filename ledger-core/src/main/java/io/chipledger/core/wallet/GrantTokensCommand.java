package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator gives a player game tokens from the partner's promo account; a new player's wallet opens. */
public record GrantTokensCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String reason,
        String label) {
}
