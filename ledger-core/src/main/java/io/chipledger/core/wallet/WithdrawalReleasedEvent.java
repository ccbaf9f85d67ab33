package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A pending withdrawal was rejected, cancelled or expired: the reserved amount is available again. */
@JsonTypeName("wallet.WithdrawalReleasedEvent")
@Revision("1")
public record WithdrawalReleasedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String withdrawalPartnerTransactionId,
        String asset,
        long amountMinor,
        WithdrawalRelease reason,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
