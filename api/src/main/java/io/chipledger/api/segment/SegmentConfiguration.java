package io.chipledger.api.segment;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.projections.segment.SegmentSettings;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Segmentation's settings (issue 17): the deposits from which the built-in VIP segment takes a
 * player ({@code chipledger.segments.vip-deposit-totals}, major units by currency), and every
 * asset's scale. When the daily pass runs is {@link DailySegmentPass}'s. A threshold for an asset that is not a configured currency stops the service at
 * start, so a typo never leaves the default in silence.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SegmentConfiguration.SegmentProperties.class)
class SegmentConfiguration {

    /** {@code chipledger.segments.*}. */
    @ConfigurationProperties("chipledger.segments")
    record SegmentProperties(Map<String, BigDecimal> vipDepositTotals) {
    }

    @Bean
    SegmentSettings segmentSettings(SegmentProperties properties, AssetRegistry assets) {
        Map<String, BigDecimal> vip = properties.vipDepositTotals() == null ? Map.of() : properties.vipDepositTotals();
        for (String code : vip.keySet()) {
            if (!assets.codes(kind -> kind == AssetKind.FIAT).contains(code)) {
                throw new IllegalStateException("chipledger.segments.vip-deposit-totals." + code + ": " + code + " is not a configured currency");
            }
        }
        Map<String, Integer> scales = new HashMap<>();
        assets.codes(kind -> true).forEach(code -> scales.put(code, assets.find(code).map(Asset::scale).orElseThrow()));
        return new SegmentSettings(vip, scales);
    }
}
