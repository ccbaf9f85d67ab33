package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The player buys {@code quantity} of a shop item; {@code price} is what the whole purchase costs. */
public record MakePurchaseCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String sku,
        int quantity,
        AssetAmount price) {
}
