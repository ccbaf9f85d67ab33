package io.chipledger.api.coupon;

import io.chipledger.api.security.RateLimits;
import io.chipledger.core.wallet.WalletId;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The brute-force guard of coupon redemption: failed attempts (a code that does not exist, or one
 * the player may not use) are limited per player and per partner key, in Bucket4j buckets in
 * PostgreSQL shared by every node ({@link RateLimits}). Each attempt takes one from both buckets
 * before the code is looked up, and a redemption that succeeds (or fails for a reason that guesses
 * nothing, such as a frozen wallet) gives them back: so the limit holds exactly, even for guesses
 * sent all at once. Over the limit the attempt is refused (429 {@code coupon-attempts-limited}) and
 * nothing is looked up or stored.
 */
@Component
class CouponAttempts {

    /** Failures a player may have in {@link #WINDOW}: a person typing codes, not a script. */
    static final int FAILURES_PER_PLAYER = 10;
    /** Failures one partner key may have in {@link #WINDOW}: the key serves all of its partner's players, so more. */
    static final int FAILURES_PER_KEY = 1_000;
    /** The buckets refill evenly over this. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final RateLimits limits;
    private final int failuresPerPlayer;
    private final int failuresPerKey;

    @Autowired
    CouponAttempts(RateLimits limits) {
        this(limits, FAILURES_PER_PLAYER, FAILURES_PER_KEY);
    }

    CouponAttempts(RateLimits limits, int failuresPerPlayer, int failuresPerKey) {
        this.limits = limits;
        this.failuresPerPlayer = failuresPerPlayer;
        this.failuresPerKey = failuresPerKey;
    }

    /** One attempt, counted as a failure until {@link Attempt#guessedNothing} says otherwise. */
    final class Attempt {

        private final String playerBucket;
        private final String keyBucket;

        private Attempt(String playerBucket, String keyBucket) {
            this.playerBucket = playerBucket;
            this.keyBucket = keyBucket;
        }

        /** The attempt redeemed the coupon, or failed for a reason that tells nothing about codes: it is no failure. */
        void guessedNothing() {
            limits.giveBack(playerBucket, failuresPerPlayer, WINDOW);
            limits.giveBack(keyBucket, failuresPerKey, WINDOW);
        }
    }

    /**
     * Starts an attempt of {@code wallet}'s player through key {@code keyId}.
     *
     * @throws CouponAttemptsLimitedException the player or the key has failed too often lately
     */
    Attempt begin(String keyId, WalletId wallet) {
        String playerBucket = "coupon-failures:player:" + wallet;
        String keyBucket = "coupon-failures:key:" + keyId;
        long playerWait = limits.takeExactly(playerBucket, failuresPerPlayer, WINDOW);
        if (playerWait > 0) {
            throw new CouponAttemptsLimitedException("player " + wallet.playerId() + " failed " + failuresPerPlayer
                    + " coupon redemptions in " + WINDOW.toMinutes() + " minutes", playerWait);
        }
        long keyWait = limits.takeExactly(keyBucket, failuresPerKey, WINDOW);
        if (keyWait > 0) {
            limits.giveBack(playerBucket, failuresPerPlayer, WINDOW);
            throw new CouponAttemptsLimitedException("this API key failed " + failuresPerKey + " coupon redemptions in "
                    + WINDOW.toMinutes() + " minutes", keyWait);
        }
        return new Attempt(playerBucket, keyBucket);
    }
}
