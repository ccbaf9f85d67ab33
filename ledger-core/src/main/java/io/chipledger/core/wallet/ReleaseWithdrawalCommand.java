package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a pending withdrawal's reserved amount back: rejected, cancelled or expired. */
public record ReleaseWithdrawalCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String withdrawalPartnerTransactionId,
        WithdrawalRelease reason) {
}
