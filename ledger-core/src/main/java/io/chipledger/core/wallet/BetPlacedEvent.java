package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * The player staked an amount on a game round (0 for a free round: then no postings, and
 * {@code balancesAfter} holds the asset's unchanged balance); the house holds it until a win, a
 * rollback or the round's close.
 */
@JsonTypeName("wallet.BetPlacedEvent")
@Revision("1")
public record BetPlacedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements RoundMoneyEvent {
}
