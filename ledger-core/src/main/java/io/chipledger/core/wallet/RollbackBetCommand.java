package io.chipledger.core.wallet;

import io.chipledger.core.partner.SettlementPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel a bet and refund its stake; a bet never seen is remembered and refused later. */
public record RollbackBetCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String betPartnerTransactionId,
        SettlementPolicy policy) {
}
