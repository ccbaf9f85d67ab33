package io.chipledger.core.coupon;

import io.chipledger.core.CommandReceipt;

/** A coupon's answer to {@link CouponCommands.Offer}: it could be redeemed at that moment; it records no event. */
public record CouponOffer(String couponId, long version) implements CommandReceipt {

    @Override
    public String aggregateId() {
        return couponId;
    }
}
