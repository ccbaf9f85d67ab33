package io.chipledger.projections.aml;

import io.chipledger.core.aml.AmlSeverity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every threshold of the AML engine (issue 15), from configuration ({@code chipledger.aml}, see
 * docs/aml.md). Amounts are minor units, per currency; a currency without an amount threshold is
 * not checked by that rule. Shares are decimals between 0 and 1.
 *
 * @param largeTransactionMinor     a movement over this is large
 * @param zScoreMax                 an amount more standard deviations than this from the 30-day mean deviates (2.5)
 * @param standardDeviationMinMinor the least standard deviation used, so identical amounts do not divide by zero
 * @param reportingThresholdMinor   the amount a regulator must be told of
 * @param justUnderShare            "just under" the reporting threshold: at least this share of it (0.9)
 * @param structuringCountMin       movements just under it in the window, the current one included (3)
 * @param structuringWindow         how far back they are looked for (24-48 h)
 * @param frequencyMultiple         a last-24h count above this many times both daily averages is a spike (3)
 * @param frequencyCountMin         ... and above this count (3)
 * @param unusualTimeHistoryMin     movements in the 30 days before the time rule has a distribution to judge by (20)
 * @param unusualTimeShareMax       an hour or weekday holding at most this share of them is (nearly) empty (0.02)
 * @param timeZone                  whose hours and weekdays those are
 * @param rapidMovementShare        a withdrawal of at least this share of a deposit within 24 h is rapid (0.8)
 * @param rapidMovementPlayShareMax ... when the bets between them are at most this share of the deposit (0.1)
 * @param highRiskCountries         ISO 3166-1 alpha-2 codes
 * @param alertScores               the least transaction score that raises an alert of each severity
 */
public record AmlThresholds(Map<String, Long> largeTransactionMinor, BigDecimal zScoreMax, Map<String, Long> standardDeviationMinMinor,
                            Map<String, Long> reportingThresholdMinor, BigDecimal justUnderShare, int structuringCountMin,
                            Duration structuringWindow, BigDecimal frequencyMultiple, int frequencyCountMin, int unusualTimeHistoryMin,
                            BigDecimal unusualTimeShareMax, ZoneId timeZone, BigDecimal rapidMovementShare,
                            BigDecimal rapidMovementPlayShareMax, Set<String> highRiskCountries, Map<AmlSeverity, Integer> alertScores) {

    /** The longest structuring window: past it a movement is no longer "within 24-48 h". */
    public static final Duration STRUCTURING_WINDOW_MAX = Duration.ofDays(7);

    public AmlThresholds {
        largeTransactionMinor = Map.copyOf(largeTransactionMinor);
        standardDeviationMinMinor = Map.copyOf(standardDeviationMinMinor);
        reportingThresholdMinor = Map.copyOf(reportingThresholdMinor);
        highRiskCountries = Set.copyOf(highRiskCountries);
        alertScores = Map.copyOf(alertScores);
        requireShare("just-under-share", justUnderShare);
        requireShare("unusual-time-share-max", unusualTimeShareMax);
        requireShare("rapid-movement-share", rapidMovementShare);
        requireShare("rapid-movement-play-share-max", rapidMovementPlayShareMax);
        require(zScoreMax.signum() > 0, "z-score-max is positive");
        require(frequencyMultiple.signum() > 0, "frequency-multiple is positive");
        require(structuringCountMin >= 2, "structuring-count-min is at least 2");
        require(frequencyCountMin >= 0 && unusualTimeHistoryMin >= 1, "frequency-count-min is 0 or more, unusual-time-history-min 1 or more");
        require(!structuringWindow.isNegative() && !structuringWindow.isZero() && structuringWindow.compareTo(STRUCTURING_WINDOW_MAX) <= 0,
                "structuring-window is over 0 and at most " + STRUCTURING_WINDOW_MAX.toDays() + " days");
        require(timeZone != null, "time-zone is set");
        require(highRiskCountries.stream().allMatch(code -> code.matches("[A-Z]{2}")), "high-risk-countries are ISO 3166-1 alpha-2 codes");
        require(alertScores.values().stream().allMatch(score -> score >= 1 && score <= AmlScoring.SCORE_MAX),
                "alert scores are 1.." + AmlScoring.SCORE_MAX);
        for (Map<String, Long> amounts : java.util.List.of(largeTransactionMinor, standardDeviationMinMinor, reportingThresholdMinor)) {
            require(amounts.values().stream().allMatch(amount -> amount > 0), "amount thresholds are positive minor units");
        }
    }

    /** The severity of the alert a transaction of {@code score} raises: the highest whose least score it reaches; none under all. */
    public Optional<AmlSeverity> severityOf(int score) {
        return alertScores.entrySet().stream().filter(least -> score >= least.getValue())
                .map(Map.Entry::getKey).max(Comparator.naturalOrder());
    }

    private static void requireShare(String name, BigDecimal share) {
        require(share != null && share.signum() >= 0 && share.compareTo(BigDecimal.ONE) <= 0, name + " is between 0 and 1");
    }

    private static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalArgumentException("chipledger.aml: " + otherwise);
        }
    }
}
