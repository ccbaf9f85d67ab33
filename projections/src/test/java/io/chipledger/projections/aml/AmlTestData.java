package io.chipledger.projections.aml;

import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.projections.aml.AmlMovement.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The thresholds and movements the AML tests run on: USD with 10,000.00 thresholds, a fixed clock. */
final class AmlTestData {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final AmlThresholds THRESHOLDS = new AmlThresholds(Map.of("USD", 1_000_000L), new BigDecimal("2.5"), Map.of("USD", 100L),
            Map.of("USD", 1_000_000L), new BigDecimal("0.9"), 3, Duration.ofHours(48), new BigDecimal("3"), 3, 20, new BigDecimal("0.02"),
            ZoneOffset.UTC, new BigDecimal("0.8"), new BigDecimal("0.1"), Set.of("KP", "IR"),
            Map.of(AmlSeverity.LOW, 40, AmlSeverity.MEDIUM, 60, AmlSeverity.HIGH, 75, AmlSeverity.CRITICAL, 90));
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    private AmlTestData() {
    }

    static AmlMovement movement(Kind kind, long amountMinor, Duration ago) {
        return new AmlMovement(NOW.minus(ago), kind, "USD", amountMinor, "tx-" + TRANSACTIONS.incrementAndGet());
    }

    static AmlMovement deposit(long amountMinor, Duration ago) {
        return movement(Kind.DEPOSIT, amountMinor, ago);
    }
}
