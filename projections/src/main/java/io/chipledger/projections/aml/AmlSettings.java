package io.chipledger.projections.aml;

import java.util.Set;

/**
 * What the AML engine watches and how: the thresholds of its rules, the currencies whose movements
 * it scores (the ledger's fiat assets; game tokens are not money), and the share of its time it may
 * work while catching up (1-100 %): after a full batch it rests for the rest, so a backlog never
 * takes the wallet's cores.
 */
public record AmlSettings(AmlThresholds thresholds, Set<String> currencies, int catchUpBusyPercent) {

    public AmlSettings {
        currencies = Set.copyOf(currencies);
        if (catchUpBusyPercent < 1 || catchUpBusyPercent > 100) {
            throw new IllegalArgumentException("chipledger.aml.catch-up-busy-percent is 1..100, got " + catchUpBusyPercent);
        }
    }
}
