package io.chipledger.core.rewardpool;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.wallet.AssetAmount;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A reward pool was opened with these items, in this order, and this stake (null: free to open). The admin key is in the metadata. */
@JsonTypeName("rewardpool.RewardPoolCreatedEvent")
@Revision("1")
public record RewardPoolCreatedEvent(String partnerId, String poolId, String name, List<RewardPoolItem> items, AssetAmount stake) {
}
