package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A pending withdrawal was approved: the reserved amount left the wallet to the cashier. */
@JsonTypeName("wallet.WithdrawalApprovedEvent")
@Revision("1")
public record WithdrawalApprovedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String withdrawalPartnerTransactionId,
        String asset,
        long amountMinor,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
