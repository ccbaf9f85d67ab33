package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Game tokens taken back into the promo account. */
@JsonTypeName("wallet.TokensRevokedEvent")
@Revision("1")
public record TokensRevokedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String asset,
        long amountMinor,
        String reason,
        String label,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
