package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Game tokens given to the player from the promo account; {@code label} is the campaign or grant page that gave them. */
@JsonTypeName("wallet.TokensGrantedEvent")
@Revision("1")
public record TokensGrantedEvent(
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
