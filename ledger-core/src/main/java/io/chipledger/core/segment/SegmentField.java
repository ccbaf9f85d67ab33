package io.chipledger.core.segment;

import java.util.Arrays;
import java.util.Optional;

/**
 * A fact about a player that a segment rule's condition can test (issue 17), by its name in the
 * condition language. Times are instants (UTC); days are whole days elapsed, rounded down, at the
 * moment of evaluation; amounts are exact decimals in the asset's major unit, per asset
 * ({@code "asset"} in the condition); counts and durations are whole numbers.
 */
public enum SegmentField {

    LAST_LOGIN_AT("last_login_at", Kind.INSTANT),
    LAST_CHARGE_AT("last_charge_at", Kind.INSTANT),
    LAST_ACTIVE_AT("last_active_at", Kind.INSTANT),
    DAYS_SINCE_LAST_LOGIN("days_since_last_login", Kind.DAYS),
    DAYS_SINCE_LAST_CHARGE("days_since_last_charge", Kind.DAYS),
    DAYS_SINCE_LAST_ACTIVE("days_since_last_active", Kind.DAYS),
    /** Deposits of one currency, all time. */
    DEPOSIT_TOTAL("deposit_total", Kind.AMOUNT),
    /** Deposits less withdrawals paid out, of one currency. */
    NET_DEPOSIT("net_deposit", Kind.AMOUNT),
    /** Stakes of bets not rolled back, of one asset. */
    BET_TOTAL("bet_total", Kind.AMOUNT),
    ROULETTE_PLAYS("roulette_plays", Kind.COUNT),
    DICE_PLAYS("dice_plays", Kind.COUNT),
    LOTTERY_PLAYS("lottery_plays", Kind.COUNT),
    /** Seconds played, as the operator reported them (PLAY_DURATION activities). */
    TOTAL_PLAY_DURATION("total_play_duration", Kind.COUNT),
    /** Whole days since the ledger first saw the player (their wallet or first activity). */
    REGISTERED_DAYS_AGO("registered_days_ago", Kind.DAYS),
    /** ISO 3166-1 alpha-2, as the operator last reported it ({@code meta.country} of an activity). */
    COUNTRY("country", Kind.COUNTRY),
    /** Available balance of one asset. */
    CURRENT_BALANCE("current_balance", Kind.AMOUNT);

    /** What a field's values are, and so which values and operators a condition may use with it. */
    public enum Kind {
        INSTANT, DAYS, COUNT, AMOUNT, COUNTRY;

        /** Whether a player may have no value: never happened, never reported. */
        public boolean nullable() {
            return this == INSTANT || this == DAYS || this == COUNTRY;
        }
    }

    private final String wireName;
    private final Kind kind;

    SegmentField(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the condition names an asset with this field. */
    public boolean perAsset() {
        return kind == Kind.AMOUNT;
    }

    public static Optional<SegmentField> named(String wireName) {
        return Arrays.stream(values()).filter(field -> field.wireName.equals(wireName)).findFirst();
    }
}
