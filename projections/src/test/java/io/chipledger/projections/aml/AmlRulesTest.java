package io.chipledger.projections.aml;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.projections.aml.AmlRules.Movement;
import io.chipledger.projections.aml.AmlRules.Thresholds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each amount rule with a case that fires and one just below that does not, on a fixed clock (issue 15). */
class AmlRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Thresholds THRESHOLDS = new Thresholds(Map.of("USD", 1_000_000L), new BigDecimal("2.5"), Map.of("USD", 100L),
            Map.of("USD", 1_000_000L), new BigDecimal("0.9"), 3, Duration.ofHours(48));

    private static Movement deposit(long amountMinor, Duration ago) {
        return new Movement(NOW.minus(ago), "FundsDeposited", "USD", amountMinor);
    }

    @Test
    void aLargeTransactionIsOneOverTheThreshold() {
        assertThat(AmlRules.largeTransaction(deposit(1_000_001, Duration.ZERO), THRESHOLDS)).isPresent();
        assertThat(AmlRules.largeTransaction(deposit(1_000_000, Duration.ZERO), THRESHOLDS)).isEmpty();
        assertThat(AmlRules.largeTransaction(new Movement(NOW, "FundsDeposited", "KRW", Long.MAX_VALUE), THRESHOLDS))
                .as("no threshold for the currency: nothing found").isEmpty();
    }

    @Test
    void anAmountDeviatesPastTheZScoreOrOutsideTheRange() {
        // history 10.00, 12.00, 14.00, 12.00: mean 1,200, deviation sqrt(20,000) = 141.42; 2.5 deviations = 353.55
        List<Movement> history = List.of(deposit(1_000, Duration.ofDays(3)), deposit(1_200, Duration.ofDays(2)),
                deposit(1_400, Duration.ofDays(1)), deposit(1_200, Duration.ofHours(5)));

        assertThat(AmlRules.amountDeviation(deposit(1_300, Duration.ZERO), history, THRESHOLDS)).as("inside the range, z 0.71").isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(1_401, Duration.ZERO), history, THRESHOLDS)).as("outside the range").isPresent();
        assertThat(AmlRules.amountDeviation(deposit(999, Duration.ZERO), history, THRESHOLDS)).as("under the range").isPresent();
        assertThat(AmlRules.amountDeviation(deposit(5_000, Duration.ZERO), List.of(deposit(1_000, Duration.ofDays(1))), THRESHOLDS))
                .as("one past movement is no pattern").isEmpty();
    }

    @Test
    void identicalAmountsUseTheLeastDeviation() {
        List<Movement> same = List.of(deposit(1_000, Duration.ofDays(2)), deposit(1_000, Duration.ofDays(1)), deposit(1_000, Duration.ofHours(1)));

        assertThat(AmlRules.amountDeviation(deposit(1_000, Duration.ZERO), same, THRESHOLDS)).isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(1_001, Duration.ZERO), same, THRESHOLDS)).as("outside the range, z 0.01").isPresent();
    }

    @Test
    void structuringIsSeveralJustUnderTheThresholdWhoseTotalCrossesIt() {
        // just under 10,000.00: 9,000.00 to 9,999.99
        List<Movement> twoEarlier = List.of(deposit(950_000, Duration.ofHours(30)), deposit(920_000, Duration.ofHours(10)));

        assertThat(AmlRules.structuring(deposit(999_999, Duration.ZERO), twoEarlier, THRESHOLDS)).as("three in 48 h").isPresent();
        assertThat(AmlRules.structuring(deposit(899_999, Duration.ZERO), twoEarlier, THRESHOLDS)).as("the third not just under").isEmpty();
        assertThat(AmlRules.structuring(deposit(999_999, Duration.ZERO), List.of(deposit(950_000, Duration.ofHours(49)),
                deposit(920_000, Duration.ofHours(10))), THRESHOLDS)).as("one outside the window: two in 48 h").isEmpty();
        assertThat(AmlRules.structuring(deposit(1_000_000, Duration.ZERO), twoEarlier, THRESHOLDS)).as("at the threshold: reported anyway")
                .isEmpty();
    }
}
