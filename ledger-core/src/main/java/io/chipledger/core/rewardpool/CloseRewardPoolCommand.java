package io.chipledger.core.rewardpool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a pool for good: it is drawn from no more, its history and odds stay readable. A closed pool closed again changes nothing. */
public record CloseRewardPoolCommand(String partnerId, String poolId) {

    @TargetAggregateIdentifier
    public String poolKey() {
        return RewardPool.idOf(partnerId, poolId);
    }
}
