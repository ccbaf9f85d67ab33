package io.chipledger.api.coupon;

/**
 * A redemption refused by the brute-force guard (429 {@code coupon-attempts-limited}, with
 * {@code Retry-After}): the player or the key failed too many redemptions lately. Nothing was
 * looked up or stored.
 */
public class CouponAttemptsLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    CouponAttemptsLimitedException(String message, long retryAfterSeconds) {
        super(message + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
