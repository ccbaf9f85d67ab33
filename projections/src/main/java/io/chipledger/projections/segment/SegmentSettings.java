package io.chipledger.projections.segment;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What segmentation needs beyond the events (issue 17): the deposits from which the built-in VIP
 * segment takes a player, in major units by currency ({@code chipledger.segments.vip-deposit-totals}),
 * and the scale of every asset, to read amounts in major units as conditions write them.
 */
public record SegmentSettings(Map<String, BigDecimal> vipDepositTotals, Map<String, Integer> scales) {

    public SegmentSettings {
        vipDepositTotals = Map.copyOf(vipDepositTotals);
        scales = Map.copyOf(scales);
        for (Map.Entry<String, BigDecimal> threshold : vipDepositTotals.entrySet()) {
            if (!scales.containsKey(threshold.getKey()) || threshold.getValue().signum() <= 0) {
                throw new IllegalArgumentException("chipledger.segments.vip-deposit-totals." + threshold.getKey()
                        + " must be a positive amount of a configured asset, got " + threshold.getValue());
            }
        }
    }

    /** The asset's scale; an asset no longer configured reads as whole units. */
    public int scaleOf(String asset) {
        return scales.getOrDefault(asset, 0);
    }
}
