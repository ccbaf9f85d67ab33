package io.chipledger.projections.aml;

import io.chipledger.projections.aml.AmlMovement.Kind;
import io.chipledger.projections.aml.AmlScoring.Finding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The AML engine's rules (issue 15), as functions of a movement and the player's history: nothing
 * here reads a clock or a table, so a replay finds the same. Amounts are minor units of one
 * currency; statistics are exact decimals ({@link #MATH}), never floating point. {@code history}
 * is always the player's earlier movements, oldest first, within {@link #HISTORY}.
 */
public final class AmlRules {

    /** Precision of the amount statistics: 16 significant digits, more than any minor-unit amount has. */
    static final MathContext MATH = MathContext.DECIMAL64;
    /** The history the statistics are over (30 days), and the last day that counts as "recent". */
    public static final Duration HISTORY = Duration.ofDays(30);
    public static final Duration DAY = Duration.ofDays(1);
    /** Before a player has been seen this long, the frequency and time rules have no pattern to judge by. */
    public static final Duration PATTERN_HISTORY_MIN = Duration.ofDays(7);
    public static final int STRUCTURING_POINTS = 30;
    public static final int RAPID_MOVEMENT_POINTS = 30;
    public static final int HIGH_RISK_COUNTRY_POINTS = 30;

    private AmlRules() {
    }

    /** Over the currency's large-transaction threshold: {@value AmlScoring#LARGE_TRANSACTION_POINTS} points. */
    public static Optional<Finding> largeTransaction(AmlMovement movement, AmlThresholds thresholds) {
        Long threshold = thresholds.largeTransactionMinor().get(movement.currency());
        return threshold != null && movement.amountMinor() > threshold
                ? Optional.of(new Finding("large_transaction", AmlScoring.LARGE_TRANSACTION_POINTS, false,
                movement.amountMinor() + " over " + threshold + " " + movement.currency() + " minor units")) : Optional.empty();
    }

    /**
     * The amount against the player's 30-day history of the same kind and currency: a z-score above
     * the threshold, or outside the historic range (a deviation). Needs two past movements; with
     * fewer it finds nothing (there is no pattern to deviate from).
     */
    public static Optional<Finding> amountDeviation(AmlMovement movement, List<AmlMovement> history, AmlThresholds thresholds) {
        List<AmlMovement> same = within(history, movement, HISTORY).stream()
                .filter(past -> past.kind() == movement.kind() && past.currency().equals(movement.currency())).toList();
        if (same.size() < 2) {
            return Optional.empty();
        }
        BigDecimal count = BigDecimal.valueOf(same.size());
        BigDecimal mean = same.stream().map(past -> BigDecimal.valueOf(past.amountMinor())).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(count, MATH);
        BigDecimal variance = same.stream().map(past -> BigDecimal.valueOf(past.amountMinor()).subtract(mean).pow(2))
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(count, MATH);
        BigDecimal deviation = variance.sqrt(MATH).max(BigDecimal.valueOf(thresholds.standardDeviationMinMinor()
                .getOrDefault(movement.currency(), 1L)));
        BigDecimal z = BigDecimal.valueOf(movement.amountMinor()).subtract(mean).abs().divide(deviation, MATH);
        long lowest = same.stream().mapToLong(AmlMovement::amountMinor).min().orElseThrow();
        long highest = same.stream().mapToLong(AmlMovement::amountMinor).max().orElseThrow();
        boolean outside = movement.amountMinor() < lowest || movement.amountMinor() > highest;
        return z.compareTo(thresholds.zScoreMax()) > 0 || outside
                ? Optional.of(new Finding("amount_deviation", 0, true, "z-score " + z.setScale(2, RoundingMode.HALF_UP) + " against "
                + same.size() + " " + movement.kind() + "s, range " + lowest + ".." + highest)) : Optional.empty();
    }

    /** Why the frequency and time rules cannot judge yet ({@code firstSeen} is the player's first movement), or empty when they can. */
    public static Optional<String> patternSkipped(AmlMovement movement, Instant firstSeen) {
        Duration seen = Duration.between(firstSeen, movement.at());
        return seen.compareTo(PATTERN_HISTORY_MIN) < 0
                ? Optional.of("history of " + seen.toDays() + " days is shorter than " + PATTERN_HISTORY_MIN.toDays())
                : Optional.empty();
    }

    /**
     * The last 24 hours' count of movements of this kind (the current one included) above the
     * multiple of both the 7-day and the 30-day daily averages before them, and above the least
     * count (a deviation). Only once {@link #patternSkipped} says the history is long enough.
     */
    public static Optional<Finding> frequencySpike(AmlMovement movement, List<AmlMovement> history, AmlThresholds thresholds) {
        Instant dayAgo = movement.at().minus(DAY);
        List<AmlMovement> sameKind = within(history, movement, HISTORY.plus(DAY)).stream().filter(past -> past.kind() == movement.kind())
                .toList();
        long lastDay = sameKind.stream().filter(past -> past.at().isAfter(dayAgo)).count() + 1;
        long week = sameKind.stream().filter(past -> !past.at().isAfter(dayAgo) && past.at().isAfter(dayAgo.minus(Duration.ofDays(7))))
                .count();
        long month = sameKind.stream().filter(past -> !past.at().isAfter(dayAgo)).count();
        // lastDay > multiple * week / 7, kept in whole numbers: lastDay * 7 > multiple * week.
        boolean aboveWeek = BigDecimal.valueOf(lastDay * 7).compareTo(thresholds.frequencyMultiple().multiply(BigDecimal.valueOf(week))) > 0;
        boolean aboveMonth = BigDecimal.valueOf(lastDay * 30).compareTo(thresholds.frequencyMultiple().multiply(BigDecimal.valueOf(month))) > 0;
        return aboveWeek && aboveMonth && lastDay > thresholds.frequencyCountMin()
                ? Optional.of(new Finding("frequency_spike", 0, true, lastDay + " " + movement.kind() + "s in 24 h against " + week
                + " in the 7 days and " + month + " in the 30 days before")) : Optional.empty();
    }

    /**
     * A movement in an hour of the day or a day of the week that holds at most the configured share
     * of the player's movements of the last 30 days (a deviation). Needs at least the configured
     * number of them, and {@link #patternSkipped} to allow it.
     */
    public static Optional<Finding> unusualTime(AmlMovement movement, List<AmlMovement> history, AmlThresholds thresholds) {
        List<AmlMovement> month = within(history, movement, HISTORY).stream().filter(past -> past.kind().scored()).toList();
        if (month.size() < thresholds.unusualTimeHistoryMin()) {
            return Optional.empty();
        }
        ZonedDateTime when = movement.at().atZone(thresholds.timeZone());
        long sameHour = month.stream().filter(past -> past.at().atZone(thresholds.timeZone()).getHour() == when.getHour()).count();
        long sameWeekday = month.stream().filter(past -> past.at().atZone(thresholds.timeZone()).getDayOfWeek() == when.getDayOfWeek())
                .count();
        BigDecimal most = thresholds.unusualTimeShareMax().multiply(BigDecimal.valueOf(month.size()));
        boolean emptyHour = BigDecimal.valueOf(sameHour).compareTo(most) <= 0;
        boolean emptyWeekday = BigDecimal.valueOf(sameWeekday).compareTo(most) <= 0;
        if (!emptyHour && !emptyWeekday) {
            return Optional.empty();
        }
        String detail = (emptyHour ? sameHour + " of " + month.size() + " movements at " + when.getHour() + " h" : "")
                + (emptyHour && emptyWeekday ? ", " : "")
                + (emptyWeekday ? sameWeekday + " of " + month.size() + " on " + when.getDayOfWeek() : "");
        return Optional.of(new Finding("unusual_time", 0, true, detail + " (" + thresholds.timeZone() + ")"));
    }

    /**
     * Several deposits (or withdrawals, as the movement is) just under the reporting threshold within
     * the window whose total crosses it: {@value #STRUCTURING_POINTS} points.
     */
    public static Optional<Finding> structuring(AmlMovement movement, List<AmlMovement> history, AmlThresholds thresholds) {
        Long threshold = thresholds.reportingThresholdMinor().get(movement.currency());
        if (!movement.kind().cashier() || threshold == null || !justUnder(movement.amountMinor(), threshold, thresholds)) {
            return Optional.empty();
        }
        List<AmlMovement> justUnder = within(history, movement, thresholds.structuringWindow()).stream()
                .filter(past -> past.kind() == movement.kind() && past.currency().equals(movement.currency()))
                .filter(past -> justUnder(past.amountMinor(), threshold, thresholds)).toList();
        long count = justUnder.size() + 1L;
        BigDecimal total = justUnder.stream().map(past -> BigDecimal.valueOf(past.amountMinor()))
                .reduce(BigDecimal.valueOf(movement.amountMinor()), BigDecimal::add);
        return count >= thresholds.structuringCountMin() && total.compareTo(BigDecimal.valueOf(threshold)) >= 0
                ? Optional.of(new Finding("structuring", STRUCTURING_POINTS, false, count + " " + movement.kind() + "s just under "
                + threshold + " within " + thresholds.structuringWindow().toHours() + " h, " + total + " in all")) : Optional.empty();
    }

    /**
     * A withdrawal of most of a deposit made in the 24 hours before it, with little play (bets of
     * the currency, less those rolled back) between them: {@value #RAPID_MOVEMENT_POINTS} points.
     */
    public static Optional<Finding> rapidMovement(AmlMovement movement, List<AmlMovement> history, AmlThresholds thresholds) {
        if (movement.kind() != Kind.WITHDRAWAL) {
            return Optional.empty();
        }
        List<AmlMovement> lastDay = within(history, movement, DAY).stream().filter(past -> past.currency().equals(movement.currency()))
                .toList();
        for (AmlMovement deposit : lastDay) {
            if (deposit.kind() != Kind.DEPOSIT) {
                continue;
            }
            BigDecimal deposited = BigDecimal.valueOf(deposit.amountMinor());
            // Play is what was staked and not refunded: a bet rolled back was never played.
            long bets = lastDay.stream().filter(past -> !past.at().isBefore(deposit.at()))
                    .mapToLong(past -> past.kind() == Kind.BET ? past.amountMinor() : past.kind() == Kind.ROLLBACK ? -past.amountMinor() : 0)
                    .sum();
            boolean most = BigDecimal.valueOf(movement.amountMinor()).compareTo(deposited.multiply(thresholds.rapidMovementShare())) >= 0;
            boolean littlePlay = BigDecimal.valueOf(bets).compareTo(deposited.multiply(thresholds.rapidMovementPlayShareMax())) <= 0;
            if (most && littlePlay) {
                return Optional.of(new Finding("rapid_movement", RAPID_MOVEMENT_POINTS, false, "withdrew " + movement.amountMinor()
                        + " of a deposit of " + deposit.amountMinor() + " made " + Duration.between(deposit.at(), movement.at()).toMinutes()
                        + " min earlier, with bets of " + bets + " between"));
            }
        }
        return Optional.empty();
    }

    /** The player's profile country or the country of their last login is on the high-risk list: {@value #HIGH_RISK_COUNTRY_POINTS} points. */
    public static Optional<Finding> highRiskCountry(String profileCountry, String loginCountry, AmlThresholds thresholds) {
        boolean profile = profileCountry != null && thresholds.highRiskCountries().contains(profileCountry);
        boolean login = loginCountry != null && thresholds.highRiskCountries().contains(loginCountry);
        if (!profile && !login) {
            return Optional.empty();
        }
        String detail = (profile ? "profile country " + profileCountry : "") + (profile && login ? ", " : "")
                + (login ? "login country " + loginCountry : "");
        return Optional.of(new Finding("high_risk_country", HIGH_RISK_COUNTRY_POINTS, false, detail));
    }

    /** The movements of {@code history} in the {@code span} before {@code movement} (its own time included). */
    static List<AmlMovement> within(List<AmlMovement> history, AmlMovement movement, Duration span) {
        Instant since = movement.at().minus(span);
        return history.stream().filter(past -> !past.at().isBefore(since) && !past.at().isAfter(movement.at())).toList();
    }

    private static boolean justUnder(long amountMinor, long threshold, AmlThresholds thresholds) {
        BigDecimal floor = BigDecimal.valueOf(threshold).multiply(thresholds.justUnderShare()).setScale(0, RoundingMode.CEILING);
        return amountMinor < threshold && BigDecimal.valueOf(amountMinor).compareTo(floor) >= 0;
    }
}
