package io.chipledger.core.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A player receives a reward from the partner's promo account: a coupon's bonus, a reward pool's
 * item, a campaign's grant. {@code stake} (null when none) is what the player pays for it from
 * what they hold, a pool's opening price; {@code reward} (null when the draw gave nothing) is what
 * they get. At least one of the two. A new player's wallet opens; a frozen wallet receives nothing.
 */
public record ReceiveRewardCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        RewardSource source,
        AssetAmount stake,
        AssetAmount reward) {

    public ReceiveRewardCommand {
        if (source == null) {
            throw new IllegalArgumentException("a reward names what gave it");
        }
        if (stake == null && reward == null) {
            throw new IllegalArgumentException("a reward moves a stake, a reward or both");
        }
    }
}
