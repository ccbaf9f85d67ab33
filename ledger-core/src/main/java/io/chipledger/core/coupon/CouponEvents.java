package io.chipledger.core.coupon;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.wallet.AssetAmount;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The events of a {@link Coupon}; the acting key (an admin's, or the partner's for a redemption)
 * is in each one's metadata ({@code actor}). A redemption carries every input of its decision, so
 * the history alone says why each player got what they got.
 */
public final class CouponEvents {

    private CouponEvents() {
    }

    @JsonTypeName("coupon.CouponCreatedEvent")
    @Revision("1")
    public record Created(String partnerId, String code, CouponReward reward, Instant expiresAt, int usageLimit, int perPlayerLimit,
                          String segment) {
    }

    /**
     * A player used the coupon: the {@code useNumber}th use of all (from 1) and the player's
     * {@code playerUseNumber}th. {@code credited} is what the wallet receives from the promo account
     * in the same transaction ({@code wallet.RewardReceivedEvent}), null for free spins, whose
     * entitlement is this event ({@code reward} names the game and the count). {@code netLoss} is the
     * payback's input, null unless the coupon is a percentage. {@code segment} is the player's segment
     * the coupon required, null when it requires none.
     */
    @JsonTypeName("coupon.CouponRedeemedEvent")
    @Revision("1")
    public record Redeemed(String partnerId, String code, String playerId, String transactionId, String partnerTransactionId,
                           int useNumber, int playerUseNumber, CouponReward reward, AssetAmount credited, NetLoss netLoss,
                           String segment) {
    }

    @JsonTypeName("coupon.CouponDisabledEvent")
    @Revision("1")
    public record Disabled(String partnerId, String code, String reason) {
    }

    /**
     * A player's net loss in the coupon's asset over {@code [windowFrom, windowTo)}: bets − wins −
     * rollbacks of bets, in minor units (negative when the player won).
     */
    public record NetLoss(Instant windowFrom, Instant windowTo, long netLossMinor) {
    }
}
