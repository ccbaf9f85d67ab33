package io.chipledger.projections.aml;

import io.chipledger.projections.aml.AmlScoring.Finding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AML engine's amount rules (issue 15), as functions of a movement and the player's history:
 * nothing here reads a clock or a table, so a replay finds the same. Amounts are minor units of
 * one currency; statistics are exact decimals ({@link #MATH}), never floating point.
 */
public final class AmlRules {

    /** Precision of the amount statistics: 16 significant digits, more than any minor-unit amount has. */
    static final MathContext MATH = MathContext.DECIMAL64;
    public static final int STRUCTURING_POINTS = 30;

    /** A money movement of a player as the engine sees it: when (the event's time), what kind, how much of which currency. */
    public record Movement(Instant at, String type, String currency, long amountMinor) {
    }

    /**
     * Thresholds, per currency where they are amounts.
     *
     * @param largeTransactionMinor     a movement over this is large
     * @param zScoreMax                 an amount this many standard deviations from the 30-day mean deviates (2.5)
     * @param standardDeviationMinMinor the least standard deviation used, so identical amounts do not divide by zero
     * @param reportingThresholdMinor   the amount a regulator must be told of
     * @param justUnderShare            "just under" the reporting threshold: at least this share of it (0.9)
     * @param structuringCountMin       movements just under it in the window, the current one included (3)
     * @param structuringWindow         how far back they are looked for (48 h)
     */
    public record Thresholds(Map<String, Long> largeTransactionMinor, BigDecimal zScoreMax, Map<String, Long> standardDeviationMinMinor,
                             Map<String, Long> reportingThresholdMinor, BigDecimal justUnderShare, int structuringCountMin,
                             Duration structuringWindow) {
    }

    private AmlRules() {
    }

    /** Over the currency's large-transaction threshold: {@value AmlScoring#LARGE_TRANSACTION_POINTS} points. */
    public static Optional<Finding> largeTransaction(Movement movement, Thresholds thresholds) {
        Long threshold = thresholds.largeTransactionMinor().get(movement.currency());
        return threshold != null && movement.amountMinor() > threshold
                ? Optional.of(new Finding("large_transaction", AmlScoring.LARGE_TRANSACTION_POINTS, false)) : Optional.empty();
    }

    /**
     * The amount against the player's 30-day history of the same type and currency ({@code history}):
     * a z-score above the threshold, or outside the historic range. Needs two past movements; with
     * fewer it finds nothing (there is no pattern to deviate from).
     */
    public static Optional<Finding> amountDeviation(Movement movement, List<Movement> history, Thresholds thresholds) {
        if (history.size() < 2) {
            return Optional.empty();
        }
        BigDecimal count = BigDecimal.valueOf(history.size());
        BigDecimal mean = history.stream().map(past -> BigDecimal.valueOf(past.amountMinor())).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(count, MATH);
        BigDecimal variance = history.stream().map(past -> BigDecimal.valueOf(past.amountMinor()).subtract(mean).pow(2))
                .reduce(BigDecimal.ZERO, BigDecimal::add).divide(count, MATH);
        BigDecimal deviation = variance.sqrt(MATH).max(BigDecimal.valueOf(thresholds.standardDeviationMinMinor()
                .getOrDefault(movement.currency(), 1L)));
        BigDecimal z = BigDecimal.valueOf(movement.amountMinor()).subtract(mean).abs().divide(deviation, MATH);
        long lowest = history.stream().mapToLong(Movement::amountMinor).min().orElseThrow();
        long highest = history.stream().mapToLong(Movement::amountMinor).max().orElseThrow();
        boolean outside = movement.amountMinor() < lowest || movement.amountMinor() > highest;
        return z.compareTo(thresholds.zScoreMax()) > 0 || outside ? Optional.of(new Finding("amount_deviation", 0, true)) : Optional.empty();
    }

    /**
     * Several movements just under the reporting threshold within the window whose total crosses
     * it: {@value #STRUCTURING_POINTS} points. {@code window} holds the player's earlier deposits (or
     * withdrawals, as the movement is) of the currency; only those within the window count.
     */
    public static Optional<Finding> structuring(Movement movement, List<Movement> window, Thresholds thresholds) {
        Long threshold = thresholds.reportingThresholdMinor().get(movement.currency());
        if (threshold == null || !justUnder(movement.amountMinor(), threshold, thresholds)) {
            return Optional.empty();
        }
        Instant since = movement.at().minus(thresholds.structuringWindow());
        List<Movement> justUnder = window.stream().filter(past -> !past.at().isBefore(since) && !past.at().isAfter(movement.at()))
                .filter(past -> justUnder(past.amountMinor(), threshold, thresholds)).toList();
        long count = justUnder.size() + 1L;
        BigDecimal total = justUnder.stream().map(past -> BigDecimal.valueOf(past.amountMinor()))
                .reduce(BigDecimal.valueOf(movement.amountMinor()), BigDecimal::add);
        return count >= thresholds.structuringCountMin() && total.compareTo(BigDecimal.valueOf(threshold)) >= 0
                ? Optional.of(new Finding("structuring", STRUCTURING_POINTS, false)) : Optional.empty();
    }

    private static boolean justUnder(long amountMinor, long threshold, Thresholds thresholds) {
        BigDecimal floor = BigDecimal.valueOf(threshold).multiply(thresholds.justUnderShare()).setScale(0, RoundingMode.CEILING);
        return amountMinor < threshold && BigDecimal.valueOf(amountMinor).compareTo(floor) >= 0;
    }
}
