package io.chipledger.projections.aml;

import static io.chipledger.projections.aml.AmlTestData.NOW;
import static io.chipledger.projections.aml.AmlTestData.THRESHOLDS;
import static io.chipledger.projections.aml.AmlTestData.deposit;
import static io.chipledger.projections.aml.AmlTestData.movement;
import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.projections.aml.AmlMovement.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's decision for one movement, with exact figures (issue 15): score, composite bonus, profile, alert. */
class AmlEngineTest {

    private static AmlPlayerState fromKorea() {
        return AmlEngine.reported(AmlPlayerState.unseen("p1", "alice"), NOW.minus(Duration.ofDays(1)), "KP", null);
    }

    @Test
    void aLargeDepositFromAHighRiskCountryRaisesAHighAlert() {
        AmlMovement large = deposit(1_500_000, Duration.ZERO);

        AmlEngine.Decision decision = AmlEngine.decide(fromKorea(), large, THRESHOLDS);

        // 40 (large) + 30 (country) + a composite bonus of 10 for the second factor
        assertThat(decision.score()).isEqualTo(80);
        assertThat(decision.findings()).extracting(AmlScoring.Finding::factor).containsExactly("large_transaction", "high_risk_country");
        assertThat(decision.next().score()).as("0 x 0.7 + 80 x 0.3").isEqualTo(24);
        assertThat(decision.alert()).hasValueSatisfying(alert -> {
            assertThat(alert.severity()).isEqualTo(AmlSeverity.HIGH);
            assertThat(alert.type()).as("the factor with the most points").isEqualTo("large_transaction");
            assertThat(alert.alertId()).isEqualTo(AmlAlert.engineAlertId("p1", large.transactionId(), "large_transaction"));
            assertThat(alert.factors()).containsExactly("large_transaction", "high_risk_country");
        });
        assertThat(decision.skipped()).as("the first movement: no pattern yet")
                .containsExactly("frequency_spike: history of 0 days is shorter than 7", "unusual_time: history of 0 days is shorter than 7");
        assertThat(decision.next().factors().get("large_transaction").count()).isEqualTo(1);
        assertThat(AmlEngine.riskLevel(decision.next().score())).isEqualTo("low");
    }

    @Test
    void theProfileScoreMovesByThreeTenthsOfEachTransaction() {
        AmlPlayerState afterLarge = AmlEngine.decide(fromKorea(), deposit(1_500_000, Duration.ofHours(2)), THRESHOLDS).next();

        AmlEngine.Decision bet = AmlEngine.decide(afterLarge, movement(Kind.BET, 1_000, Duration.ofHours(1)), THRESHOLDS);

        assertThat(bet.score()).as("the country alone").isEqualTo(30);
        assertThat(bet.next().score()).as("24 x 0.7 + 30 x 0.3 = 25.8").isEqualTo(26);
        assertThat(bet.alert()).as("30 is under the least alert score, 40").isEmpty();
        assertThat(bet.next().factors().get("high_risk_country").count()).isEqualTo(2);
        assertThat(bet.next().scored()).isEqualTo(2);
    }

    @Test
    void aMovementAlreadyCountedChangesNothing() {
        AmlMovement large = deposit(1_500_000, Duration.ZERO);
        AmlPlayerState after = AmlEngine.decide(fromKorea(), large, THRESHOLDS).next();

        AmlEngine.Decision again = AmlEngine.decide(after, large, THRESHOLDS);

        assertThat(again.counted()).isTrue();
        assertThat(again.next()).isEqualTo(after);
        assertThat(again.alert()).isEmpty();
    }

    @Test
    void aRollbackIsKeptButNotScored() {
        AmlPlayerState afterBet = AmlEngine.decide(fromKorea(), movement(Kind.BET, 50_000, Duration.ofHours(2)), THRESHOLDS).next();

        AmlEngine.Decision rollback = AmlEngine.decide(afterBet, movement(Kind.ROLLBACK, 50_000, Duration.ofHours(1)), THRESHOLDS);

        assertThat(rollback.score()).isZero();
        assertThat(rollback.alert()).isEmpty();
        assertThat(rollback.next().score()).as("the profile score does not move").isEqualTo(afterBet.score());
        assertThat(rollback.next().scored()).isEqualTo(afterBet.scored());
        assertThat(rollback.next().history()).hasSize(2);
    }

    @Test
    void theCompositeBonusStopsAtFortyAndTheScoreAtAHundred() {
        // structuring (30) + large? no: just under. Build: country 30, structuring 30, rapid movement 30 on one withdrawal.
        AmlPlayerState state = fromKorea();
        for (AmlMovement earlier : List.of(movement(Kind.DEPOSIT, 960_000, Duration.ofHours(20)),
                movement(Kind.WITHDRAWAL, 950_000, Duration.ofHours(10)), movement(Kind.WITHDRAWAL, 940_000, Duration.ofHours(5)))) {
            state = AmlEngine.decide(state, earlier, THRESHOLDS).next();
        }

        AmlEngine.Decision decision = AmlEngine.decide(state, movement(Kind.WITHDRAWAL, 930_000, Duration.ZERO), THRESHOLDS);

        assertThat(decision.findings()).extracting(AmlScoring.Finding::factor)
                .containsExactly("amount_deviation", "structuring", "rapid_movement", "high_risk_country");
        // 30 + 30 + 30 + 25 x 1/3 (8) + the bonus for 3 more factors (30) = 128, clamped
        assertThat(decision.score()).isEqualTo(100);
        assertThat(decision.alert()).map(alert -> alert.severity()).hasValue(AmlSeverity.CRITICAL);
        assertThat(decision.alert()).map(alert -> alert.type()).as("structuring: the first of the 30-point factors").hasValue("structuring");
    }

    /** The worked example of docs/aml.md, figure by figure. */
    @Test
    void theWorkedExampleOfTheGuide() {
        AmlPlayerState state = fromKorea();
        record Step(AmlMovement movement, int score, int profile, String alertType, AmlSeverity severity) {
        }
        List<Step> steps = List.of(
                new Step(deposit(960_000, Duration.ofHours(20)), 30, 9, null, null),
                new Step(deposit(950_000, Duration.ofHours(10)), 30, 15, null, null),
                new Step(deposit(940_000, Duration.ofHours(5)), 88, 37, "structuring", AmlSeverity.HIGH),
                new Step(movement(Kind.WITHDRAWAL, 2_700_000, Duration.ZERO), 100, 56, "large_transaction", AmlSeverity.CRITICAL));
        for (Step step : steps) {
            AmlEngine.Decision decision = AmlEngine.decide(state, step.movement(), THRESHOLDS);
            assertThat(decision.score()).as("score of %s", step.movement()).isEqualTo(step.score());
            assertThat(decision.next().score()).as("profile after %s", step.movement()).isEqualTo(step.profile());
            assertThat(decision.alert().map(AmlAlertCommands.Raise::type).orElse(null)).isEqualTo(step.alertType());
            assertThat(decision.alert().map(AmlAlertCommands.Raise::severity).orElse(null)).isEqualTo(step.severity());
            state = decision.next();
        }
        assertThat(AmlEngine.riskLevel(state.score())).isEqualTo("medium");
        assertThat(state.factors().keySet()).containsExactlyInAnyOrder("high_risk_country", "amount_deviation", "structuring",
                "large_transaction", "rapid_movement");
        assertThat(state.factors().get("high_risk_country").count()).isEqualTo(4);
    }
}
