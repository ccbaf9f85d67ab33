package io.chipledger.core;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chipledger.core.coupon.CouponRedemptionReceipt;
import io.chipledger.core.profile.ActivityReceipt;
import io.chipledger.core.rewardpool.RewardDrawReceipt;
import io.chipledger.core.wallet.TokenGrantBatchReceipt;
import io.chipledger.core.wallet.WalletReceipt;

/**
 * What a command answers, stored with its idempotency key: enough to find its newest event in
 * the store (the aggregate and that event's sequence number). Outcomes stored before there was
 * more than one kind carry no type and are wallet receipts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "receipt_type", defaultImpl = WalletReceipt.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = WalletReceipt.class, name = "wallet"),
        @JsonSubTypes.Type(value = TokenGrantBatchReceipt.class, name = "token-grant-batch"),
        @JsonSubTypes.Type(value = ActivityReceipt.class, name = "activity"),
        @JsonSubTypes.Type(value = CouponRedemptionReceipt.class, name = "coupon-redemption"),
        @JsonSubTypes.Type(value = RewardDrawReceipt.class, name = "reward-draw")})
public interface CommandReceipt {

    /** The aggregate whose newest event closes the command. */
    String aggregateId();

    /** The sequence number of that event. */
    long version();
}
