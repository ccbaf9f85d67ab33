package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A bet was cancelled and its stake refunded. */
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
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
