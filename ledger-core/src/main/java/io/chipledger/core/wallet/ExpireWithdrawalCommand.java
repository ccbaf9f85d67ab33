package io.chipledger.core.wallet;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a pending withdrawal's reserved amount back because nobody decided on it in time. The
 * wallet checks the deadline itself, from the withdrawal's own event: {@code asOf} (when the
 * expiry was decided) must not be before it, whatever a read model said.
 */
public record ExpireWithdrawalCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String withdrawalPartnerTransactionId,
        Instant asOf) {
}
