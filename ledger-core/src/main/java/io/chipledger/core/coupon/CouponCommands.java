package io.chipledger.core.coupon;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of a {@link Coupon}; each names the coupon by {@link Coupon#idOf}. */
public final class CouponCommands {

    private CouponCommands() {
    }

    /**
     * Creates the partner's coupon {@code code} (already upper case); refused when the partner has a
     * coupon of this code already. {@code segment} is null when every player may redeem it;
     * {@code at} is the time of the request, before {@code expiresAt}.
     */
    public record Create(@TargetAggregateIdentifier String couponId, String partnerId, String code, CouponReward reward, Instant expiresAt,
                         int usageLimit, int perPlayerLimit, String segment, Instant at) {
    }

    /**
     * A player uses the coupon at {@code at} (the service's clock). {@code playerSegment} is the
     * player's segment as the segment read model holds it (null when they have none yet);
     * {@code netLoss} is given for a percentage coupon only, over the window its terms name.
     */
    public record Redeem(@TargetAggregateIdentifier String couponId, String transactionId, String partnerTransactionId, String playerId,
                         Instant at, String playerSegment, CouponEvents.NetLoss netLoss) {
    }

    /**
     * A campaign hands the code to a player at {@code at}: refused, recording nothing, when no
     * player could redeem it now (disabled, expired or used up), so no player is sent a dead code.
     * The answer is a {@link CouponOffer}.
     */
    public record Offer(@TargetAggregateIdentifier String couponId, Instant at) {
    }

    /** No player may use the coupon any more; {@code reason} (1..500 characters) says why, for the staff who read it later. */
    public record Disable(@TargetAggregateIdentifier String couponId, String reason) {
    }
}
