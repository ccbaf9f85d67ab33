package io.chipledger.api.aml;

import io.chipledger.core.aml.AmlSeverity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AML engine's settings ({@code chipledger.aml.*}, defaults in application.yml; each one
 * explained in docs/aml.md). Amounts are in a currency's major units (USD 10000 = 10,000.00), per
 * currency; every currency must be a configured fiat asset.
 *
 * @param currencies the amount thresholds of each currency the engine checks by amount
 * @param catchUpBusyPercent the share of its time the engine works while it catches up with a backlog, 1-100
 */
@ConfigurationProperties("chipledger.aml")
public record AmlProperties(Map<String, CurrencyThresholds> currencies, BigDecimal zScoreMax, BigDecimal justUnderShare,
                            int structuringCountMin, Duration structuringWindow, BigDecimal frequencyMultiple, int frequencyCountMin,
                            int unusualTimeHistoryMin, BigDecimal unusualTimeShareMax, ZoneId timeZone, BigDecimal rapidMovementShare,
                            BigDecimal rapidMovementPlayShareMax, Set<String> highRiskCountries, Map<AmlSeverity, Integer> alertScores,
                            int catchUpBusyPercent) {

    /**
     * @param largeTransaction      a movement over this is large (+40)
     * @param reportingThreshold    the amount a regulator must be told of: structuring is just under it
     * @param standardDeviationMin  the least standard deviation of the amount rule
     */
    public record CurrencyThresholds(BigDecimal largeTransaction, BigDecimal reportingThreshold, BigDecimal standardDeviationMin) {
    }
}
