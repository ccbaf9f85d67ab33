package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** An admin corrected a balance; a negative amount takes money out, never below zero. */
@JsonTypeName("wallet.BalanceAdjustedEvent")
@Revision("1")
public record BalanceAdjustedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String reason,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
