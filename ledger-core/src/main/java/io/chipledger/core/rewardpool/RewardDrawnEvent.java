package io.chipledger.core.rewardpool;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.wallet.AssetAmount;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A player drew an item from a pool: everything an auditor needs to recompute the draw
 * ({@code seed} and {@code inputs}: {@code FairDraw.pick(seed, inputs)} is {@code itemId} at
 * {@code roll} of {@code totalWeight}), and what the draw is worth to the wallet ({@code reward},
 * null for a blank; {@code stake}, null when the player paid none). The wallet's
 * {@code wallet.RewardReceivedEvent} of the same transaction, under the same key, moves them.
 *
 * @param transactionId the ledger's id of the draw
 * @param partnerTransactionId the idempotency key the draw was asked under
 * @param seed 32 bytes from the service's CSPRNG, as 64 lower-case hex digits
 * @param inputs the pool's items as the draw saw them: ids, weights and remaining stocks (null: no limit), in the pool's order
 */
@JsonTypeName("rewardpool.RewardDrawnEvent")
@Revision("1")
public record RewardDrawnEvent(String partnerId, String poolId, String transactionId, String partnerTransactionId, String playerId,
                               String seed, List<FairDraw.Candidate> inputs, String itemId, long roll, long totalWeight,
                               AssetAmount reward, AssetAmount stake) {
}
