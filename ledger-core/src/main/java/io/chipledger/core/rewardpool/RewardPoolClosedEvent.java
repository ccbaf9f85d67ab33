package io.chipledger.core.rewardpool;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/** A reward pool was closed: it is drawn from no more. The admin key is in the metadata. */
@JsonTypeName("rewardpool.RewardPoolClosedEvent")
@Revision("1")
public record RewardPoolClosedEvent(String partnerId, String poolId) {
}
