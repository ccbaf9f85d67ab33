package io.chipledger.projections.aml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How the AML engine (issue 15) turns a transaction's findings into a score, and a player's
 * profile score into its next one. The rules come from the platforms' own engine (seeds 002):
 * <ul>
 *   <li>each fixed-score factor adds its points (a large transaction: {@link #LARGE_TRANSACTION_POINTS});</li>
 *   <li>the behaviour deviations (amount, frequency, time of day) add {@code 25 * severity}, where
 *       severity is the share of the {@value #DEVIATION_KINDS} kinds found, 0.0 to 1.0;</li>
 *   <li>several factors at once add a composite bonus of {@value #COMPOSITE_POINTS_PER_FACTOR}
 *       per factor after the first, at most {@value #COMPOSITE_POINTS_MAX};</li>
 *   <li>the score is clamped to 0..100;</li>
 *   <li>a profile's score moves as {@code old * 0.7 + new * 0.3}.</li>
 * </ul>
 * Every figure is a whole number, rounded half up, in exact decimal arithmetic: a replay gives the
 * same scores on any machine.
 */
public final class AmlScoring {

    public static final int LARGE_TRANSACTION_POINTS = 40;
    public static final int DEVIATION_POINTS_MAX = 25;
    public static final int DEVIATION_KINDS = 3;
    public static final int COMPOSITE_POINTS_PER_FACTOR = 10;
    public static final int COMPOSITE_POINTS_MAX = 40;
    public static final int SCORE_MAX = 100;

    /**
     * One factor found for a transaction: its name, its own points (0 for a deviation, which counts
     * by kind), and what was found, in words an investigator reads (at most {@value #DETAIL_LENGTH_MAX} characters).
     */
    public record Finding(String factor, int points, boolean deviation, String detail) {

        public static final int DETAIL_LENGTH_MAX = 300;

        public Finding {
            if (factor == null || factor.isBlank() || points < 0 || detail == null || detail.length() > DETAIL_LENGTH_MAX) {
                throw new IllegalArgumentException("a finding names its factor, gives 0 or more points and says what was found");
            }
        }
    }

    private AmlScoring() {
    }

    /** A transaction's score from its findings, 0..100. */
    public static int score(List<Finding> findings) {
        int own = findings.stream().mapToInt(Finding::points).sum();
        long deviations = findings.stream().filter(Finding::deviation).map(Finding::factor).distinct().count();
        if (deviations > DEVIATION_KINDS) {
            throw new IllegalArgumentException("at most " + DEVIATION_KINDS + " kinds of deviation, found " + deviations);
        }
        int deviationPoints = BigDecimal.valueOf(DEVIATION_POINTS_MAX * deviations)
                .divide(BigDecimal.valueOf(DEVIATION_KINDS), 0, RoundingMode.HALF_UP).intValueExact();
        long factors = findings.stream().map(Finding::factor).distinct().count();
        int composite = (int) Math.min(COMPOSITE_POINTS_MAX, Math.max(0, factors - 1) * COMPOSITE_POINTS_PER_FACTOR);
        return Math.min(SCORE_MAX, Math.max(0, own + deviationPoints + composite));
    }

    /** A profile's next score after a transaction scored {@code latest}: {@code previous * 0.7 + latest * 0.3}, rounded half up. */
    public static int profileScore(int previous, int latest) {
        requireScore(previous);
        requireScore(latest);
        return BigDecimal.valueOf(7L * previous + 3L * latest).divide(BigDecimal.TEN, 0, RoundingMode.HALF_UP).intValueExact();
    }

    private static void requireScore(int score) {
        if (score < 0 || score > SCORE_MAX) {
            throw new IllegalArgumentException("a score is 0.." + SCORE_MAX + ", got " + score);
        }
    }
}
