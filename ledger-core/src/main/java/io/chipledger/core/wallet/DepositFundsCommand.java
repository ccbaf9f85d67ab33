package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pay money into a wallet from the partner's cashier; opens the wallet on its first deposit. */
public record DepositFundsCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor) {
}
