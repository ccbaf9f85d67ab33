package io.chipledger.core.wallet;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close a round nothing happened in for {@code timeout} (the ledger's round timeout), so a
 * provider that never closes lost rounds cannot lock a wallet. The wallet checks the time
 * itself, from the round's own events: {@code asOf} (when the close was decided) must be at least
 * {@code timeout} after the round's last bet, win or rollback, whatever a read model said.
 */
public record TimeOutRoundCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String gameId,
        String roundId,
        Instant asOf,
        Duration timeout) {
}
