package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The ledger closed a round nothing had happened in since {@code lastActivityAt} for longer than
 * its round timeout. No money moves: the bets still open in it ({@code settledBetPartnerTransactionIds})
 * are settled as lost, and the round takes no more bets or wins.
 */
@JsonTypeName("wallet.RoundTimedOutEvent")
@Revision("1")
public record RoundTimedOutEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String gameId,
        String roundId,
        List<String> settledBetPartnerTransactionIds,
        Instant lastActivityAt) implements WalletEvent {
}
