package io.chipledger.core.wallet;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reserve an amount for a withdrawal that an operator approves or rejects before {@code expiresAt}. */
public record RequestWithdrawalCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        Instant expiresAt) {
}
