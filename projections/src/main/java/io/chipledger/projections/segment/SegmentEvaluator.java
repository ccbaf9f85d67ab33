package io.chipledger.projections.segment;

import io.chipledger.core.segment.SegmentCondition;
import io.chipledger.core.segment.SegmentFacts;
import io.chipledger.core.segment.SegmentField;
import io.chipledger.core.segment.SegmentOperator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides a player's segment (issue 17): the first enabled rule of the partner whose condition
 * matches, by priority then rule id; when none does (or there are none), the built-in defaults in
 * this order: VIP (deposits of a currency at or over its configured threshold), DORMANT_LONG (14
 * days or more since the last charge), DORMANT_SHORT (7 to 14), NEW (registered less than 7 days
 * ago, or never charged), and ACTIVE for everyone else. The defaults are rules of the same
 * language, so a decision always names the rule that made it ({@code default:VIP}, ...).
 */
public final class SegmentEvaluator {

    /** Days since the last charge from which a player is dormant, short and long (the platforms' write-up). */
    public static final long DORMANT_SHORT_DAYS = 7;
    public static final long DORMANT_LONG_DAYS = 14;
    /** Days since registration under which a player is new. */
    public static final long NEW_DAYS = 7;
    public static final String ACTIVE = "ACTIVE";
    public static final String DEFAULT_RULE_PREFIX = "default:";

    /** A rule ready to evaluate: its condition read once. */
    public record Rule(String ruleId, String name, String segment, int priority, boolean enabled, SegmentCondition condition) {
        public Rule {
            Objects.requireNonNull(ruleId, "a rule has an id");
            Objects.requireNonNull(segment, "a rule has a segment");
            Objects.requireNonNull(condition, "a rule has a condition");
        }
    }

    /** The segment and the rule that decided it. */
    public record Decision(String segment, String ruleId, String ruleName) {
    }

    private static final Comparator<Rule> ORDER = Comparator.comparingInt(Rule::priority).thenComparing(Rule::ruleId);

    private final List<Rule> rules;
    private final List<Rule> defaults;
    private final Decision fallback = new Decision(ACTIVE, DEFAULT_RULE_PREFIX + ACTIVE, "Active (built-in)");

    /**
     * @param rules the partner's rules, in any order; disabled ones are kept out
     * @param vipDepositThresholds deposits from which a player is VIP, in major units by currency
     */
    public SegmentEvaluator(List<Rule> rules, Map<String, BigDecimal> vipDepositThresholds) {
        this.rules = rules.stream().filter(Rule::enabled).sorted(ORDER).toList();
        this.defaults = defaults(vipDepositThresholds);
    }

    public Decision decide(SegmentFacts facts) {
        for (Rule rule : rules) {
            if (rule.condition().matches(facts)) {
                return new Decision(rule.segment(), rule.ruleId(), rule.name());
            }
        }
        for (Rule rule : defaults) {
            if (rule.condition().matches(facts)) {
                return new Decision(rule.segment(), rule.ruleId(), rule.name());
            }
        }
        return fallback;
    }

    /** The built-in rules, as the language writes them. */
    static List<Rule> defaults(Map<String, BigDecimal> vipDepositThresholds) {
        List<Rule> defaults = new ArrayList<>();
        List<SegmentCondition> vip = vipDepositThresholds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .<SegmentCondition>map(threshold -> new SegmentCondition.Leaf(SegmentField.DEPOSIT_TOTAL, SegmentOperator.GE,
                        threshold.getKey(), threshold.getValue()))
                .toList();
        if (!vip.isEmpty()) {
            defaults.add(builtIn("VIP", "VIP (built-in)", new SegmentCondition.Any(vip)));
        }
        defaults.add(builtIn("DORMANT_LONG", "Dormant 14+ days (built-in)", since(SegmentOperator.GE, DORMANT_LONG_DAYS)));
        defaults.add(builtIn("DORMANT_SHORT", "Dormant 7-14 days (built-in)", since(SegmentOperator.GE, DORMANT_SHORT_DAYS)));
        defaults.add(builtIn("NEW", "New (built-in)", new SegmentCondition.Any(List.of(
                new SegmentCondition.Leaf(SegmentField.REGISTERED_DAYS_AGO, SegmentOperator.LT, null, NEW_DAYS),
                new SegmentCondition.Leaf(SegmentField.LAST_CHARGE_AT, SegmentOperator.IS_NULL, null, null)))));
        return List.copyOf(defaults);
    }

    private static SegmentCondition since(SegmentOperator operator, long days) {
        return new SegmentCondition.Leaf(SegmentField.DAYS_SINCE_LAST_CHARGE, operator, null, days);
    }

    private static Rule builtIn(String segment, String name, SegmentCondition condition) {
        return new Rule(DEFAULT_RULE_PREFIX + segment, name, segment, 0, true, condition);
    }
}
