package io.chipledger.core.rewardpool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Draws one item of the pool for a player, with the seed the API minted from its CSPRNG for this
 * request ({@link FairDraw}). {@code transactionId} is the ledger's id of the draw,
 * {@code partnerTransactionId} the idempotency key it was asked under; {@code chargeStake} false
 * for a draw given away (a campaign's free draw), so the pool's stake is not asked of the player.
 *
 * @param seedHex the seed, {@value FairDraw#SEED_BYTES} bytes as lower-case hex
 */
public record DrawRewardCommand(String partnerId, String poolId, String transactionId, String partnerTransactionId, String playerId,
                                String seedHex, boolean chargeStake) {

    @TargetAggregateIdentifier
    public String poolKey() {
        return RewardPool.idOf(partnerId, poolId);
    }
}
