package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A player received a reward from the promo account, having paid {@code stake} (null when none) to
 * the promo account for it; {@code reward} is null when a draw gave nothing. {@code source} is the
 * coupon, pool or campaign that gave it; the coupon's, pool's or campaign's own event in the same
 * transaction holds the decision (which use, which draw, which delivery).
 */
@JsonTypeName("wallet.RewardReceivedEvent")
@Revision("1")
public record RewardReceivedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        RewardSource source,
        AssetAmount stake,
        AssetAmount reward,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
