package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pay out a pending withdrawal: the reserved amount goes to the cashier. */
public record ApproveWithdrawalCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String withdrawalPartnerTransactionId) {
}
