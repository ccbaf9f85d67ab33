package io.chipledger.core.coupon;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.wallet.WalletId;
import java.util.regex.Pattern;

/**
 * What a coupon gives, one of four kinds (the {@code kind} of its JSON): game tokens, a money
 * bonus, free spins of a game, or a share of the player's recent net losses back. Amounts are
 * minor units of the asset; a percentage is in basis points (1 = 0.01%), never a fraction.
 * Each kind checks its own bounds when made, so a coupon never holds a reward it cannot pay.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(CouponReward.BonusToken.class),
        @JsonSubTypes.Type(CouponReward.Fixed.class),
        @JsonSubTypes.Type(CouponReward.FreeSpins.class),
        @JsonSubTypes.Type(CouponReward.Percentage.class)})
public sealed interface CouponReward {

    int FREE_SPINS_MAX = 1_000;
    int PERCENT_BASIS_POINTS_MAX = 10_000;
    int WINDOW_DAYS_MAX = 90;
    /** A game's id, as the wallet API takes it. */
    Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    /** The kind's wire name: {@code bonus_token}, {@code fixed}, {@code free_spins}, {@code percentage} (written once, as the type id). */
    @JsonIgnore
    String kind();

    /** {@code amountMinor} of a game token. */
    @JsonTypeName("bonus_token")
    record BonusToken(String asset, long amountMinor) implements CouponReward {
        public BonusToken {
            requireMoney(asset, amountMinor);
        }

        @Override
        public String kind() {
            return "bonus_token";
        }
    }

    /** {@code amountMinor} of a currency: a money bonus. */
    @JsonTypeName("fixed")
    record Fixed(String asset, long amountMinor) implements CouponReward {
        public Fixed {
            requireMoney(asset, amountMinor);
        }

        @Override
        public String kind() {
            return "fixed";
        }
    }

    /** {@code count} free spins of {@code gameId}: no money moves; the redemption event is the entitlement the game provider reads. */
    @JsonTypeName("free_spins")
    record FreeSpins(String gameId, int count) implements CouponReward {
        public FreeSpins {
            if (gameId == null || !GAME_ID.matcher(gameId).matches()) {
                throw new IllegalArgumentException("free spins name a game id matching " + GAME_ID);
            }
            if (count < 1 || count > FREE_SPINS_MAX) {
                throw new IllegalArgumentException("free spins are 1.." + FREE_SPINS_MAX + ", got " + count);
            }
        }

        @Override
        public String kind() {
            return "free_spins";
        }
    }

    /**
     * {@code percentBasisPoints} of the player's net losses in {@code asset} (bets − wins − rollbacks
     * of bets) over the {@code windowDays} days before the redemption, rounded down to a minor unit,
     * at most {@code capMinor}.
     */
    @JsonTypeName("percentage")
    record Percentage(String asset, int percentBasisPoints, int windowDays, long capMinor) implements CouponReward {
        public Percentage {
            requireMoney(asset, capMinor);
            if (percentBasisPoints < 1 || percentBasisPoints > PERCENT_BASIS_POINTS_MAX) {
                throw new IllegalArgumentException("a payback is 1.." + PERCENT_BASIS_POINTS_MAX + " basis points, got " + percentBasisPoints);
            }
            if (windowDays < 1 || windowDays > WINDOW_DAYS_MAX) {
                throw new IllegalArgumentException("a payback window is 1.." + WINDOW_DAYS_MAX + " days, got " + windowDays);
            }
        }

        @Override
        public String kind() {
            return "percentage";
        }

        /** What a net loss pays back: the percentage rounded down, capped; exact in {@code long} (a loss times 10,000 fits). */
        public long payback(long netLossMinor) {
            if (netLossMinor <= 0) {
                return 0;
            }
            // Exact below 9.2e14 minor units of loss, far past any wallet's balance limit; past it, an error, never a wrong amount.
            long share = Math.multiplyExact(netLossMinor, (long) percentBasisPoints) / PERCENT_BASIS_POINTS_MAX;
            return Math.min(share, capMinor);
        }
    }

    private static void requireMoney(String asset, long amountMinor) {
        if (asset == null || asset.isBlank() || asset.length() > WalletId.ID_LENGTH_MAX) {
            throw new IllegalArgumentException("a coupon's reward names its asset");
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a coupon's amount is positive, got " + amountMinor);
        }
    }
}
