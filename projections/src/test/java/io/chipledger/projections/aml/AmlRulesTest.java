package io.chipledger.projections.aml;

import static org.assertj.core.api.Assertions.assertThat;

import static io.chipledger.projections.aml.AmlTestData.NOW;
import static io.chipledger.projections.aml.AmlTestData.THRESHOLDS;
import static io.chipledger.projections.aml.AmlTestData.deposit;
import static io.chipledger.projections.aml.AmlTestData.movement;

import io.chipledger.projections.aml.AmlMovement.Kind;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule with a case that fires and one just below that does not, on a fixed clock (issue 15). */
class AmlRulesTest {

    @Test
    void aLargeTransactionIsOneOverTheThreshold() {
        assertThat(AmlRules.largeTransaction(deposit(1_000_001, Duration.ZERO), THRESHOLDS)).isPresent();
        assertThat(AmlRules.largeTransaction(deposit(1_000_000, Duration.ZERO), THRESHOLDS)).isEmpty();
        assertThat(AmlRules.largeTransaction(new AmlMovement(NOW, Kind.DEPOSIT, "KRW", Long.MAX_VALUE, "tx-krw"), THRESHOLDS))
                .as("no threshold for the currency: nothing found").isEmpty();
    }

    @Test
    void anAmountDeviatesPastTheZScoreOrOutsideTheRange() {
        // history 10.00, 12.00, 14.00, 12.00: mean 1,200, deviation sqrt(20,000) = 141.42; 2.5 deviations = 353.55
        List<AmlMovement> history = List.of(deposit(1_000, Duration.ofDays(3)), deposit(1_200, Duration.ofDays(2)),
                deposit(1_400, Duration.ofDays(1)), deposit(1_200, Duration.ofHours(5)));

        assertThat(AmlRules.amountDeviation(deposit(1_300, Duration.ZERO), history, THRESHOLDS)).as("inside the range, z 0.71").isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(1_401, Duration.ZERO), history, THRESHOLDS)).as("outside the range").isPresent();
        assertThat(AmlRules.amountDeviation(deposit(999, Duration.ZERO), history, THRESHOLDS)).as("under the range").isPresent();
        assertThat(AmlRules.amountDeviation(deposit(5_000, Duration.ZERO), List.of(deposit(1_000, Duration.ofDays(1))), THRESHOLDS))
                .as("one past movement is no pattern").isEmpty();
    }

    @Test
    void identicalAmountsUseTheLeastDeviation() {
        List<AmlMovement> same = List.of(deposit(1_000, Duration.ofDays(2)), deposit(1_000, Duration.ofDays(1)), deposit(1_000, Duration.ofHours(1)));

        assertThat(AmlRules.amountDeviation(deposit(1_000, Duration.ZERO), same, THRESHOLDS)).isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(1_001, Duration.ZERO), same, THRESHOLDS)).as("outside the range, z 0.01").isPresent();
    }

    @Test
    void structuringIsSeveralJustUnderTheThresholdWhoseTotalCrossesIt() {
        // just under 10,000.00: 9,000.00 to 9,999.99
        List<AmlMovement> twoEarlier = List.of(deposit(950_000, Duration.ofHours(30)), deposit(920_000, Duration.ofHours(10)));

        assertThat(AmlRules.structuring(deposit(999_999, Duration.ZERO), twoEarlier, THRESHOLDS)).as("three in 48 h").isPresent();
        assertThat(AmlRules.structuring(deposit(899_999, Duration.ZERO), twoEarlier, THRESHOLDS)).as("the third not just under").isEmpty();
        assertThat(AmlRules.structuring(deposit(999_999, Duration.ZERO), List.of(deposit(950_000, Duration.ofHours(49)),
                deposit(920_000, Duration.ofHours(10))), THRESHOLDS)).as("one outside the window: two in 48 h").isEmpty();
        assertThat(AmlRules.structuring(deposit(1_000_000, Duration.ZERO), twoEarlier, THRESHOLDS)).as("at the threshold: reported anyway")
                .isEmpty();
    }

    @Test
    void aDeviationIsJudgedAgainstTheSameKindOnly() {
        List<AmlMovement> history = List.of(deposit(1_000, Duration.ofDays(3)), deposit(1_000, Duration.ofDays(2)),
                movement(Kind.BET, 50, Duration.ofDays(1)));

        assertThat(AmlRules.amountDeviation(movement(Kind.BET, 60, Duration.ZERO), history, THRESHOLDS)).as("one bet is no pattern").isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(1_000, Duration.ZERO), history, THRESHOLDS)).isEmpty();
        assertThat(AmlRules.amountDeviation(deposit(5_000, Duration.ZERO), List.of(deposit(1_000, Duration.ofDays(31)),
                deposit(1_000, Duration.ofDays(32))), THRESHOLDS)).as("older than 30 days: no history").isEmpty();
    }

    @Test
    void aFrequencySpikeIsOverThreeTimesBothDailyAveragesAndOverTheLeastCount() {
        // 7 deposits in the 30 days before the last day, 2 of them in its last 7: averages 0.23 and 0.29 a day
        List<AmlMovement> history = new ArrayList<>();
        for (int day = 25; day >= 2; day -= 4) {
            history.add(deposit(1_000, Duration.ofDays(day)));
        }
        history.add(deposit(1_000, Duration.ofHours(30)));
        history.add(deposit(1_000, Duration.ofHours(5)));
        history.add(deposit(1_000, Duration.ofHours(3)));
        history.add(deposit(1_000, Duration.ofHours(2)));

        assertThat(AmlRules.frequencySpike(deposit(1_000, Duration.ZERO), history, THRESHOLDS)).as("4 in 24 h: over 3 and 3 x 0.29")
                .isPresent();
        assertThat(AmlRules.frequencySpike(deposit(1_000, Duration.ZERO), history.subList(0, history.size() - 1), THRESHOLDS))
                .as("3 in 24 h: not over the least count").isEmpty();
        List<AmlMovement> busyWeek = new ArrayList<>(history);
        for (int hour = 26; hour < 26 + 7 * 24; hour += 24) {
            busyWeek.add(deposit(1_000, Duration.ofHours(hour)));
        }
        busyWeek.sort(java.util.Comparator.comparing(AmlMovement::at));
        assertThat(AmlRules.frequencySpike(deposit(1_000, Duration.ZERO), busyWeek, THRESHOLDS))
                .as("4 in 24 h against 9 in the week: 4 x 7 = 28 is over 3 x 9 = 27").isPresent();
        busyWeek.add(deposit(1_000, Duration.ofHours(40)));
        busyWeek.sort(java.util.Comparator.comparing(AmlMovement::at));
        assertThat(AmlRules.frequencySpike(deposit(1_000, Duration.ZERO), busyWeek, THRESHOLDS))
                .as("4 in 24 h against 10 in the week: 28 is not over 30").isEmpty();
        assertThat(AmlRules.frequencySpike(movement(Kind.BET, 1_000, Duration.ZERO), history, THRESHOLDS))
                .as("the deposits do not make a bet frequent").isEmpty();
    }

    @Test
    void patternsNeedSevenDaysOfHistory() {
        assertThat(AmlRules.patternSkipped(deposit(1_000, Duration.ZERO), NOW.minus(Duration.ofDays(7)))).isEmpty();
        assertThat(AmlRules.patternSkipped(deposit(1_000, Duration.ZERO), NOW.minus(Duration.ofDays(7)).plusSeconds(1)))
                .hasValue("history of 6 days is shorter than 7");
    }

    @Test
    void anUnusualTimeIsAnHourOrWeekdayThePlayerNeverUses() {
        // 50 deposits in 25 days, every day at 10:00 and 14:00 UTC; NOW is 12:00 on a Monday
        List<AmlMovement> history = new ArrayList<>();
        for (int day = 25; day >= 1; day--) {
            history.add(deposit(1_000, Duration.ofDays(day).plusHours(2)));
            history.add(deposit(1_000, Duration.ofDays(day).minusHours(2)));
        }
        assertThat(AmlRules.unusualTime(deposit(1_000, Duration.ZERO), history, THRESHOLDS)).as("12:00: no movement at that hour")
                .isPresent();
        assertThat(AmlRules.unusualTime(deposit(1_000, Duration.ofHours(2)), history, THRESHOLDS)).as("10:00, a usual hour").isEmpty();
        assertThat(AmlRules.unusualTime(deposit(1_000, Duration.ZERO), history.subList(0, 19), THRESHOLDS))
                .as("19 movements: no distribution to judge by").isEmpty();
        List<AmlMovement> once = new ArrayList<>(history);
        once.add(deposit(1_000, Duration.ofDays(7)));
        once.sort(java.util.Comparator.comparing(AmlMovement::at));
        assertThat(AmlRules.unusualTime(deposit(1_000, Duration.ZERO), once, THRESHOLDS))
                .as("1 of 51 at 12:00 is 1.96 %: still nearly empty").isPresent();
        once.add(deposit(1_000, Duration.ofDays(14)));
        once.sort(java.util.Comparator.comparing(AmlMovement::at));
        assertThat(AmlRules.unusualTime(deposit(1_000, Duration.ZERO), once, THRESHOLDS)).as("2 of 52 at 12:00 is 3.8 %").isEmpty();
    }

    @Test
    void rapidMovementIsMostOfADepositOutWithinADayWithLittlePlay() {
        AmlMovement deposit = deposit(100_000, Duration.ofHours(20));
        List<AmlMovement> history = List.of(deposit, movement(Kind.BET, 10_000, Duration.ofHours(10)));

        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 80_000, Duration.ZERO), history, THRESHOLDS))
                .as("80 % out, bets of 10 %").isPresent();
        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 79_999, Duration.ZERO), history, THRESHOLDS)).as("under 80 %")
                .isEmpty();
        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 80_000, Duration.ZERO),
                List.of(deposit, movement(Kind.BET, 10_001, Duration.ofHours(10))), THRESHOLDS)).as("bets over 10 %").isEmpty();
        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 100_000, Duration.ZERO),
                List.of(deposit(100_000, Duration.ofHours(24).plusSeconds(1))), THRESHOLDS)).as("the deposit over 24 h ago").isEmpty();
        assertThat(AmlRules.rapidMovement(deposit(100_000, Duration.ZERO), history, THRESHOLDS)).as("only a withdrawal").isEmpty();
        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 80_000, Duration.ZERO), List.of(deposit,
                movement(Kind.BET, 50_000, Duration.ofHours(10)), movement(Kind.ROLLBACK, 50_000, Duration.ofHours(9))), THRESHOLDS))
                .as("a bet rolled back was never played").isPresent();
        assertThat(AmlRules.rapidMovement(movement(Kind.WITHDRAWAL, 80_000, Duration.ZERO), List.of(deposit,
                movement(Kind.BET, 50_000, Duration.ofHours(10)), movement(Kind.ROLLBACK, 39_999, Duration.ofHours(9))), THRESHOLDS))
                .as("10,001 of it played").isEmpty();
    }

    @Test
    void aHighRiskCountryIsTheProfilesOrTheLogins() {
        assertThat(AmlRules.highRiskCountry("KP", null, THRESHOLDS)).map(AmlScoring.Finding::detail).hasValue("profile country KP");
        assertThat(AmlRules.highRiskCountry("DE", "IR", THRESHOLDS)).map(AmlScoring.Finding::detail).hasValue("login country IR");
        assertThat(AmlRules.highRiskCountry("DE", "FR", THRESHOLDS)).isEmpty();
        assertThat(AmlRules.highRiskCountry(null, null, THRESHOLDS)).isEmpty();
    }
}
