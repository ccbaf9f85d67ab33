package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A game round played with tokens: the stake went to the house and the rewards came from it, in
 * one event, so a spend never exists without its reward. The outcome is the game's own report
 * (segment and label for roulette, both players' dice, sums and result for dice, prize for lottery).
 */
@JsonTypeName("wallet.PlayRecordedEvent")
@Revision("1")
public record PlayRecordedEvent(
        WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        Game game,
        String configId,
        AssetAmount stake,
        List<AssetAmount> rewards,
        Map<String, Object> outcome,
        String activityEventId,
        List<Posting> postings,
        Map<String, Balance> balancesAfter) implements MoneyMovedEvent {
}
