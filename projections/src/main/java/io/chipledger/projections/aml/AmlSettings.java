package io.chipledger.projections.aml;

import java.util.Set;

/**
 * What the AML engine watches and how: the thresholds of its rules, and the currencies whose
 * movements it scores (the ledger's fiat assets; game tokens are not money).
 */
public record AmlSettings(AmlThresholds thresholds, Set<String> currencies) {

    public AmlSettings {
        currencies = Set.copyOf(currencies);
    }
}
