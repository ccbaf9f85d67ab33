package io.chipledger.projections.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.segment.SegmentCondition;
import io.chipledger.core.segment.SegmentField;
import io.chipledger.core.segment.SegmentOperator;
import io.chipledger.projections.segment.SegmentEvaluator.Decision;
import io.chipledger.projections.segment.SegmentEvaluator.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is in which segment (issue 17): first match by priority, the built-in defaults, and the day boundaries at an exact clock. */
class SegmentEvaluatorTest {

    private static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CHARGED = Instant.parse("2026-11-01T12:00:00Z");
    private static final Map<String, BigDecimal> VIP_FROM = Map.of("USD", new BigDecimal("10000"), "KRW", new BigDecimal("10000000"));

    private static PlayerFacts player(Instant registered, Instant charged, long depositedUsdMinor) {
        return new PlayerFacts(registered, null, charged, charged, 0, 0, 0, 0, null, Map.of("USD", depositedUsdMinor), Map.of(), Map.of(),
                Map.of("USD", depositedUsdMinor));
    }

    private static Decision decide(List<Rule> rules, PlayerFacts facts, Instant now) {
        return new SegmentEvaluator(rules, VIP_FROM).decide(facts.at(now, asset -> asset.equals("KRW") ? 0 : 2));
    }

    @ParameterizedTest(name = "{0} after the last charge: {1}")
    @CsvSource({"PT0S, ACTIVE", "P6DT23H59M59.999S, ACTIVE", "P7D, DORMANT_SHORT", "P13DT23H59M59.999S, DORMANT_SHORT",
            "P14D, DORMANT_LONG", "P400D, DORMANT_LONG"})
    void theDefaultsFollowTheDaysSinceTheLastChargeToTheMillisecond(Duration elapsed, String segment) {
        Decision decision = decide(List.of(), player(REGISTERED, CHARGED, 5_000), CHARGED.plus(elapsed));
        assertThat(decision.segment()).isEqualTo(segment);
        assertThat(decision.ruleId()).isEqualTo(SegmentEvaluator.DEFAULT_RULE_PREFIX + segment);
    }

    @Test
    void newAndVipDefaults() {
        Instant now = CHARGED.plus(Duration.ofDays(1));
        assertThat(decide(List.of(), player(now.minus(Duration.ofDays(3)), CHARGED, 100), now).segment()).isEqualTo("NEW");
        assertThat(decide(List.of(), player(REGISTERED, null, 0), now).segment()).as("never charged").isEqualTo("NEW");
        assertThat(decide(List.of(), player(REGISTERED, CHARGED, 1_000_000), now.plus(Duration.ofDays(30))).segment())
                .as("10,000.00 USD deposited, dormant or not").isEqualTo("VIP");
        assertThat(decide(List.of(), player(REGISTERED, CHARGED, 999_999), now).segment()).isEqualTo("ACTIVE");
    }

    @Test
    void thePartnersFirstEnabledMatchingRuleByPriorityDecides() {
        SegmentCondition charged = new SegmentCondition.Leaf(SegmentField.LAST_CHARGE_AT, SegmentOperator.NOT_NULL, null, null);
        List<Rule> rules = List.of(
                new Rule("sr_0000000000000003", "Late", "LATE", 20, true, charged),
                new Rule("sr_0000000000000002", "Second by id", "B", 10, true, charged),
                new Rule("sr_0000000000000001", "First by id", "A", 10, true, charged),
                new Rule("sr_0000000000000000", "Off", "OFF", 0, false, charged));
        Decision decision = decide(rules, player(REGISTERED, CHARGED, 100), CHARGED);
        assertThat(decision).isEqualTo(new Decision("A", "sr_0000000000000001", "First by id"));
        assertThat(decide(rules, player(REGISTERED, null, 0), CHARGED).segment()).as("no rule matches: the defaults").isEqualTo("NEW");
    }

    /**
     * Over random rule lists and players: the deciding rule matches the player, and no enabled rule
     * before it (priority, then id) does; a default decides only when no rule matches.
     */
    @Test
    void theDecidingRuleMatchesAndNoEarlierEnabledRuleDoes() {
        Random random = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < random.nextInt(6); i++) {
                rules.add(new Rule("sr_" + String.format("%016x", random.nextInt(50)) + i, "r" + i, "S" + random.nextInt(4),
                        random.nextInt(5), random.nextInt(4) > 0, new SegmentCondition.Leaf(SegmentField.DAYS_SINCE_LAST_CHARGE,
                        SegmentOperator.values()[random.nextInt(SegmentOperator.values().length - 2)], null, (long) random.nextInt(20))));
            }
            Instant now = CHARGED.plus(Duration.ofHours(random.nextInt(24 * 20)));
            PlayerFacts facts = player(REGISTERED, random.nextInt(5) == 0 ? null : CHARGED, random.nextInt(2_000_000));
            var read = facts.at(now, asset -> 2);
            Decision decision = new SegmentEvaluator(rules, VIP_FROM).decide(read);
            List<Rule> ordered = rules.stream().filter(Rule::enabled)
                    .sorted(java.util.Comparator.comparingInt(Rule::priority).thenComparing(Rule::ruleId)).toList();
            Rule deciding = ordered.stream().filter(rule -> rule.ruleId().equals(decision.ruleId())).findFirst().orElse(null);
            if (deciding == null) {
                assertThat(decision.ruleId()).startsWith(SegmentEvaluator.DEFAULT_RULE_PREFIX);
                assertThat(ordered).noneMatch(rule -> rule.condition().matches(read));
            } else {
                assertThat(deciding.condition().matches(read)).isTrue();
                assertThat(ordered.subList(0, ordered.indexOf(deciding))).noneMatch(rule -> rule.condition().matches(read));
            }
        }
    }
}
