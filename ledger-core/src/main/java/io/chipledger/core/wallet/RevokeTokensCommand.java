package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator takes game tokens back into the partner's promo account, never below zero. */
public record RevokeTokensCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String reason,
        String label) {
}
