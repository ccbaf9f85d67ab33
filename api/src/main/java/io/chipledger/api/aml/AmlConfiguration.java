package io.chipledger.api.aml;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.projections.aml.AmlSettings;
import io.chipledger.projections.aml.AmlThresholds;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AML engine's settings from {@link AmlProperties}: amounts turned into minor units by each
 * currency's scale. A threshold for an asset that is not a configured currency stops the service
 * at start, so a typo never leaves a currency unwatched in silence.
 */
@Configuration(proxyBeanMethods = false)
class AmlConfiguration {

    @Bean
    AmlSettings amlSettings(AmlProperties properties, AssetRegistry assets) {
        Map<String, AmlProperties.CurrencyThresholds> currencies = properties.currencies() == null ? Map.of() : properties.currencies();
        for (String code : currencies.keySet()) {
            if (!assets.codes(kind -> kind == AssetKind.FIAT).contains(code)) {
                throw new IllegalStateException("chipledger.aml.currencies." + code + ": " + code + " is not a configured currency");
            }
        }
        AmlThresholds thresholds = new AmlThresholds(
                minor(currencies, assets, AmlProperties.CurrencyThresholds::largeTransaction),
                properties.zScoreMax(),
                minor(currencies, assets, AmlProperties.CurrencyThresholds::standardDeviationMin),
                minor(currencies, assets, AmlProperties.CurrencyThresholds::reportingThreshold),
                properties.justUnderShare(), properties.structuringCountMin(), properties.structuringWindow(),
                properties.frequencyMultiple(), properties.frequencyCountMin(), properties.unusualTimeHistoryMin(),
                properties.unusualTimeShareMax(), properties.timeZone(), properties.rapidMovementShare(),
                properties.rapidMovementPlayShareMax(), properties.highRiskCountries() == null ? java.util.Set.of()
                : properties.highRiskCountries(), properties.alertScores() == null ? Map.of() : properties.alertScores());
        return new AmlSettings(thresholds, new HashSet<>(assets.codes(kind -> kind == AssetKind.FIAT)), properties.catchUpBusyPercent());
    }

    private static Map<String, Long> minor(Map<String, AmlProperties.CurrencyThresholds> currencies, AssetRegistry assets,
                                           Function<AmlProperties.CurrencyThresholds, BigDecimal> amount) {
        Map<String, Long> minor = new HashMap<>();
        currencies.forEach((code, thresholds) -> {
            BigDecimal value = amount.apply(thresholds);
            if (value != null) {
                Asset currency = assets.require(code);
                minor.put(code, AmountFormat.toMinorUnits(value, currency));
            }
        });
        return minor;
    }
}
