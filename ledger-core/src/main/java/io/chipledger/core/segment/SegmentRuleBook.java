package io.chipledger.core.segment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A partner's segment rules (issue 17), one aggregate per partner so that a rule's name is unique
 * within the partner (whatever its case or Unicode form: {@link SegmentRuleDefinition#nameKey}) and the partner has at most {@value #RULES_MAX}. Every
 * change is an event ({@link SegmentRuleEvents}); a definition is checked, condition and all,
 * before it is stored, so evaluation never meets a rule it cannot read.
 */
@JsonTypeName("segment.SegmentRuleBook")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SegmentRuleBook {

    /** Rules of one partner, at most: each is evaluated for every player whose facts change. */
    public static final int RULES_MAX = 100;
    /** The ids rules have: {@code sr_} and 16 hex digits, made by the API. */
    public static final Pattern RULE_ID = Pattern.compile("sr_[0-9a-f]{16}");

    @AggregateIdentifier
    private String bookId;
    /** The live rules by id, as last defined. */
    private Map<String, SegmentRuleDefinition> rules = new LinkedHashMap<>();

    protected SegmentRuleBook() {
        // Axon rebuilds a book from its events, or makes an empty one for a partner's first rule.
    }

    public static String idOf(String partnerId) {
        return "segment-rules:" + partnerId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SegmentRuleCommands.Create command) {
        if (command.ruleId() == null || !RULE_ID.matcher(command.ruleId()).matches()) {
            throw new IllegalArgumentException("a rule's id matches " + RULE_ID);
        }
        SegmentRuleDefinition rule = command.rule().validated();
        if (rules.containsKey(command.ruleId())) {
            throw new RuleViolation(Rule.SEGMENT_RULE_NAME_TAKEN, "rule " + command.ruleId() + " exists already");
        }
        if (rules.size() >= RULES_MAX) {
            throw new RuleViolation(Rule.SEGMENT_RULES_LIMIT, "a partner has at most " + RULES_MAX + " segment rules; delete one first",
                    Map.of("rules_max", RULES_MAX));
        }
        requireNameFree(rule.name(), command.ruleId());
        apply(new SegmentRuleEvents.Created(command.partnerId(), command.ruleId(), rule.name(), rule.segment(), rule.priority(),
                rule.enabled(), rule.condition()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SegmentRuleCommands.Update command) {
        SegmentRuleDefinition rule = command.rule().validated();
        SegmentRuleDefinition current = existing(command.ruleId());
        requireNameFree(rule.name(), command.ruleId());
        if (rule.sameAs(current)) {
            return; // the same definition again: nothing changed, nothing to record
        }
        if (rule.withEnabled(current.enabled()).sameAs(current)) {
            apply(rule.enabled() ? new SegmentRuleEvents.Enabled(command.partnerId(), command.ruleId())
                    : new SegmentRuleEvents.Disabled(command.partnerId(), command.ruleId()));
            return;
        }
        apply(new SegmentRuleEvents.Updated(command.partnerId(), command.ruleId(), rule.name(), rule.segment(), rule.priority(),
                rule.enabled(), rule.condition()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SegmentRuleCommands.Delete command) {
        existing(command.ruleId());
        apply(new SegmentRuleEvents.Deleted(command.partnerId(), command.ruleId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SegmentRuleCommands.Evaluate command) {
        if (!"daily".equals(command.reason()) && !"requested".equals(command.reason())) {
            throw new IllegalArgumentException("an evaluation is daily or requested");
        }
        apply(new SegmentRuleEvents.EvaluationRequested(command.partnerId(), command.reason()));
    }

    private SegmentRuleDefinition existing(String ruleId) {
        SegmentRuleDefinition rule = rules.get(ruleId);
        if (rule == null) {
            throw new RuleViolation(Rule.UNKNOWN_SEGMENT_RULE, "no segment rule " + ruleId + " for this partner");
        }
        return rule;
    }

    private void requireNameFree(String name, String ruleId) {
        String key = SegmentRuleDefinition.nameKey(name);
        rules.forEach((id, rule) -> {
            if (!id.equals(ruleId) && SegmentRuleDefinition.nameKey(rule.name()).equals(key)) {
                throw new RuleViolation(Rule.SEGMENT_RULE_NAME_TAKEN, "the partner has a rule named \"" + rule.name() + "\" already ("
                        + id + ")", Map.of("rule_id", id));
            }
        });
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.Created event) {
        bookId = idOf(event.partnerId());
        rules.put(event.ruleId(), new SegmentRuleDefinition(event.name(), event.segment(), event.priority(), event.enabled(),
                event.condition()));
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.Updated event) {
        rules.put(event.ruleId(), new SegmentRuleDefinition(event.name(), event.segment(), event.priority(), event.enabled(),
                event.condition()));
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.Enabled event) {
        rules.computeIfPresent(event.ruleId(), (id, rule) -> rule.withEnabled(true));
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.Disabled event) {
        rules.computeIfPresent(event.ruleId(), (id, rule) -> rule.withEnabled(false));
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.EvaluationRequested event) {
        bookId = idOf(event.partnerId());
    }

    @EventSourcingHandler
    void on(SegmentRuleEvents.Deleted event) {
        rules.remove(event.ruleId());
    }
}
