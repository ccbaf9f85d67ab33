package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A shop purchase: the price went to the partner's shop account. */
@JsonTypeName("wallet.PurchaseMadeEvent")
@Revision("1")
public record PurchaseMadeEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        String sku,
        int quantity,
        AssetAmount price,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
