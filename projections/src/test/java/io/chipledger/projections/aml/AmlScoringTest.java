package io.chipledger.projections.aml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.projections.aml.AmlScoring.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's scoring with exact expected numbers (issue 15): points, deviations, the composite bonus, the clamp, the profile. */
class AmlScoringTest {

    private static final Finding LARGE = new Finding("large_transaction", AmlScoring.LARGE_TRANSACTION_POINTS, false, "");
    private static final Finding AMOUNT = new Finding("amount_deviation", 0, true, "");
    private static final Finding FREQUENCY = new Finding("frequency_spike", 0, true, "");
    private static final Finding TIME = new Finding("unusual_time", 0, true, "");
    private static final Finding STRUCTURING = new Finding("structuring", 30, false, "");
    private static final Finding RAPID = new Finding("rapid_movement", 30, false, "");

    @Test
    void eachPartAddsAsTheRulesSay() {
        assertThat(AmlScoring.score(List.of())).isZero();
        assertThat(AmlScoring.score(List.of(LARGE))).isEqualTo(40);
        // one deviation kind of three: 25 * 1/3 = 8.33 -> 8; no bonus for a single factor
        assertThat(AmlScoring.score(List.of(AMOUNT))).isEqualTo(8);
        // two kinds: 16.67 -> 17, and a bonus of 10 for the second factor
        assertThat(AmlScoring.score(List.of(AMOUNT, FREQUENCY))).isEqualTo(27);
        // all three: 25, bonus 20; with a large transaction: 40 + 25 + 30
        assertThat(AmlScoring.score(List.of(AMOUNT, FREQUENCY, TIME))).isEqualTo(45);
        assertThat(AmlScoring.score(List.of(LARGE, AMOUNT, FREQUENCY, TIME))).isEqualTo(95);
    }

    @Test
    void theCompositeBonusStopsAt40AndTheScoreAt100() {
        // 40 + 30 + 30 + 25 = 125, bonus min(40, 5 * 10) = 40: clamped to 100
        assertThat(AmlScoring.score(List.of(LARGE, STRUCTURING, RAPID, AMOUNT, FREQUENCY, TIME))).isEqualTo(100);
        // a factor found twice counts once for the bonus
        assertThat(AmlScoring.score(List.of(AMOUNT, AMOUNT))).isEqualTo(8);
    }

    @Test
    void theProfileScoreMovesSevenTenthsOldThreeTenthsNew() {
        assertThat(AmlScoring.profileScore(0, 95)).isEqualTo(29);     // 28.5 -> 29, half up
        assertThat(AmlScoring.profileScore(29, 95)).isEqualTo(49);    // 20.3 + 28.5 = 48.8 -> 49
        assertThat(AmlScoring.profileScore(49, 0)).isEqualTo(34);     // 34.3 -> 34
        assertThat(AmlScoring.profileScore(100, 100)).isEqualTo(100);
        assertThatThrownBy(() -> AmlScoring.profileScore(101, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
