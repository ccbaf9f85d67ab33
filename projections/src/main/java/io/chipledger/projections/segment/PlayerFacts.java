package io.chipledger.projections.segment;

import io.chipledger.core.segment.SegmentFacts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What the ledger knows of one player for segmentation (issue 17): the times of their first
 * appearance, last login, last charge and last activity, their play counts and seconds, their
 * reported country, and per asset their deposits, withdrawals paid, stakes and available balance,
 * all in minor units. Days are not kept: they depend on when the player is evaluated ({@link #at}).
 *
 * @param registeredAt when the ledger first saw the player (never null for a known player)
 * @param depositedMinor deposits by currency; {@code withdrawnMinor} withdrawals paid out;
 *        {@code stakedMinor} stakes of bets not rolled back; {@code balanceMinor} available balances
 */
public record PlayerFacts(Instant registeredAt, Instant lastLoginAt, Instant lastChargeAt, Instant lastActiveAt, long roulettePlays,
                          long dicePlays, long lotteryPlays, long playSeconds, String country, Map<String, Long> depositedMinor,
                          Map<String, Long> withdrawnMinor, Map<String, Long> stakedMinor, Map<String, Long> balanceMinor) {

    public PlayerFacts {
        if (registeredAt == null) {
            throw new IllegalArgumentException("a known player has a registration time");
        }
        depositedMinor = Map.copyOf(depositedMinor);
        withdrawnMinor = Map.copyOf(withdrawnMinor);
        stakedMinor = Map.copyOf(stakedMinor);
        balanceMinor = Map.copyOf(balanceMinor);
    }

    /** A player the ledger sees for the first time, at {@code at}. */
    public static PlayerFacts registered(Instant at) {
        return new PlayerFacts(at, null, null, null, 0, 0, 0, 0, null, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** A copy to change: facts are values, changed by the events the segment processor reads. */
    Builder change() {
        return new Builder(this);
    }

    /** The facts being changed by one event. */
    static final class Builder {
        Instant registeredAt;
        Instant lastLoginAt;
        Instant lastChargeAt;
        Instant lastActiveAt;
        long roulettePlays;
        long dicePlays;
        long lotteryPlays;
        long playSeconds;
        String country;
        final Map<String, Long> deposited;
        final Map<String, Long> withdrawn;
        final Map<String, Long> staked;
        final Map<String, Long> balances;

        private Builder(PlayerFacts facts) {
            registeredAt = facts.registeredAt;
            lastLoginAt = facts.lastLoginAt;
            lastChargeAt = facts.lastChargeAt;
            lastActiveAt = facts.lastActiveAt;
            roulettePlays = facts.roulettePlays;
            dicePlays = facts.dicePlays;
            lotteryPlays = facts.lotteryPlays;
            playSeconds = facts.playSeconds;
            country = facts.country;
            deposited = new java.util.HashMap<>(facts.depositedMinor);
            withdrawn = new java.util.HashMap<>(facts.withdrawnMinor);
            staked = new java.util.HashMap<>(facts.stakedMinor);
            balances = new java.util.HashMap<>(facts.balanceMinor);
        }

        /** The later of a kept time and a new one (events of a player may report times out of order). */
        static Instant later(Instant kept, Instant seen) {
            return kept == null || seen.isAfter(kept) ? seen : kept;
        }

        static void add(Map<String, Long> amounts, String asset, long minor) {
            amounts.merge(asset, minor, Math::addExact);
        }

        PlayerFacts build() {
            return new PlayerFacts(registeredAt, lastLoginAt, lastChargeAt, lastActiveAt, roulettePlays, dicePlays, lotteryPlays, playSeconds,
                    country, deposited, withdrawn, staked, balances);
        }
    }

    /**
     * The facts as a condition reads them at {@code now}: days elapsed rounded down (0 for a time
     * after {@code now}, which a clock's step back can give), amounts in major units by each asset's
     * scale.
     */
    public SegmentFacts at(Instant now, ToIntFunction<String> scaleOf) {
        // A switch over every field: a field added to the language does not compile until it is read here.
        return (field, asset) -> switch (field) {
            case LAST_LOGIN_AT -> lastLoginAt;
            case LAST_CHARGE_AT -> lastChargeAt;
            case LAST_ACTIVE_AT -> lastActiveAt;
            case DAYS_SINCE_LAST_LOGIN -> days(lastLoginAt, now);
            case DAYS_SINCE_LAST_CHARGE -> days(lastChargeAt, now);
            case DAYS_SINCE_LAST_ACTIVE -> days(lastActiveAt, now);
            case REGISTERED_DAYS_AGO -> days(registeredAt, now);
            case DEPOSIT_TOTAL -> major(depositedMinor.getOrDefault(asset, 0L), asset, scaleOf);
            case NET_DEPOSIT -> major(Math.subtractExact(depositedMinor.getOrDefault(asset, 0L), withdrawnMinor.getOrDefault(asset, 0L)),
                    asset, scaleOf);
            case BET_TOTAL -> major(stakedMinor.getOrDefault(asset, 0L), asset, scaleOf);
            case CURRENT_BALANCE -> major(balanceMinor.getOrDefault(asset, 0L), asset, scaleOf);
            case ROULETTE_PLAYS -> roulettePlays;
            case DICE_PLAYS -> dicePlays;
            case LOTTERY_PLAYS -> lotteryPlays;
            case TOTAL_PLAY_DURATION -> playSeconds;
            case COUNTRY -> country;
        };
    }

    /** Whole days from {@code then} to {@code now}, rounded down; null when {@code then} is. */
    static Long days(Instant then, Instant now) {
        if (then == null) {
            return null;
        }
        return then.isAfter(now) ? 0L : Duration.between(then, now).toDays();
    }

    private static BigDecimal major(long minor, String asset, ToIntFunction<String> scaleOf) {
        return BigDecimal.valueOf(minor, scaleOf.applyAsInt(asset));
    }
}
