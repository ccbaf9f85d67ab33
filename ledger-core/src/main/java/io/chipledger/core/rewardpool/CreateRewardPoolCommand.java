package io.chipledger.core.rewardpool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new reward pool of the partner under an id the ledger minted ({@link RewardPool#POOL_ID}); the acting admin key goes into the event's metadata. */
public record CreateRewardPoolCommand(String partnerId, String poolId, RewardPoolDefinition definition) {

    @TargetAggregateIdentifier
    public String poolKey() {
        return RewardPool.idOf(partnerId, poolId);
    }
}
