package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A bet was cancelled and its stake refunded (nothing for a 0 bet). {@code roundClose} is
 * {@link RoundClose#ALL_BETS_SETTLED} when, under the partner's {@code single_win} policy, it was
 * the round's last open bet; null otherwise.
 */
@JsonTypeName("wallet.BetRolledBackEvent")
@Revision("1")
public record BetRolledBackEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String betPartnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId,
        RoundClose roundClose,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements RoundMoneyEvent {
}
