package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** The house paid a win; the bets it settles (named, or the round's open bets) can no longer be rolled back. */
@JsonTypeName("wallet.WinPaidEvent")
@Revision("1")
public record WinPaidEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String gameId,
        String roundId,
        List<String> settledBetPartnerTransactionIds,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
