package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Money left the wallet to the cashier at once (a one-phase withdrawal, or an approved two-phase one). */
@JsonTypeName("wallet.FundsWithdrawnEvent")
@Revision("1")
public record FundsWithdrawnEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
