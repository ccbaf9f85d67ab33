package io.chipledger.core.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.ledger.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A partner's segment rules (issue 17): names unique whatever their case, every change an event, nothing for a repeat. */
class SegmentRuleBookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "sr_00000000000000a1";
    private static final String OTHER = "sr_00000000000000b2";

    private AggregateTestFixture<SegmentRuleBook> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(SegmentRuleBook.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SegmentRuleDefinition vip(String name, boolean enabled) {
        return new SegmentRuleDefinition(name, "VIP", 10, enabled,
                json("{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"1000.00\"}"));
    }

    private static SegmentRuleEvents.Created created(String ruleId, String name) {
        return new SegmentRuleEvents.Created("p_1", ruleId, name, "VIP", 10, true,
                json("{\"field\":\"deposit_total\",\"op\":\">=\",\"asset\":\"USD\",\"value\":\"1000\"}"));
    }

    @Test
    void aRuleIsCreatedWithItsConditionInCanonicalForm() {
        fixture.givenNoPriorActivity()
                .when(new SegmentRuleCommands.Create("p_1", RULE, vip("Big spenders", true)))
                .expectEvents(created(RULE, "Big spenders"));
    }

    @Test
    void aNameIsUniqueWithinThePartnerWhateverItsCase() {
        fixture.given(created(RULE, "Big spenders"))
                .when(new SegmentRuleCommands.Create("p_1", OTHER, vip("BIG SPENDERS", true)))
                .expectException(RuleViolation.class).expectExceptionMessage(org.hamcrest.Matchers.containsString(RULE));
        fixture.given(created(RULE, "Big spenders"), created(OTHER, "Whales"))
                .when(new SegmentRuleCommands.Update("p_1", OTHER, vip("big spenders", true)))
                .expectException(RuleViolation.class);
    }

    @Test
    void anUpdateRecordsOnlyWhatChanged() {
        fixture.given(created(RULE, "Big spenders"))
                .when(new SegmentRuleCommands.Update("p_1", RULE, vip("Big spenders", true)))
                .expectNoEvents();
        fixture.given(created(RULE, "Big spenders"))
                .when(new SegmentRuleCommands.Update("p_1", RULE, vip("Big spenders", false)))
                .expectEvents(new SegmentRuleEvents.Disabled("p_1", RULE));
        fixture.given(created(RULE, "Big spenders"), new SegmentRuleEvents.Disabled("p_1", RULE))
                .when(new SegmentRuleCommands.Update("p_1", RULE, vip("Big spenders", true)))
                .expectEvents(new SegmentRuleEvents.Enabled("p_1", RULE));
        fixture.given(created(RULE, "Big spenders"))
                .when(new SegmentRuleCommands.Update("p_1", RULE, vip("Whales", true)))
                .expectEvents(new SegmentRuleEvents.Updated("p_1", RULE, "Whales", "VIP", 10, true,
                        json("{\"field\":\"deposit_total\",\"op\":\">=\",\"asset\":\"USD\",\"value\":\"1000\"}")));
    }

    @Test
    void aDeletedOrUnknownRuleCannotBeChanged() {
        fixture.given(created(RULE, "Big spenders"))
                .when(new SegmentRuleCommands.Delete("p_1", RULE))
                .expectEvents(new SegmentRuleEvents.Deleted("p_1", RULE));
        fixture.given(created(RULE, "Big spenders"), new SegmentRuleEvents.Deleted("p_1", RULE))
                .when(new SegmentRuleCommands.Update("p_1", RULE, vip("Big spenders", true)))
                .expectException(RuleViolation.class);
        fixture.given(created(RULE, "Big spenders"), new SegmentRuleEvents.Deleted("p_1", RULE))
                .when(new SegmentRuleCommands.Create("p_1", OTHER, vip("Big spenders", true)))
                .expectEvents(created(OTHER, "Big spenders"));
    }

    @Test
    void aBadDefinitionIsRefusedAndRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(new SegmentRuleCommands.Create("p_1", RULE, new SegmentRuleDefinition("x", "VIP", 1, true,
                        json("{\"field\":\"nope\",\"op\":\"==\",\"value\":1}"))))
                .expectException(InvalidSegmentRuleException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SegmentRuleCommands.Create("p_1", RULE, new SegmentRuleDefinition("x", "vip", 1, true,
                        json("{\"field\":\"dice_plays\",\"op\":\"==\",\"value\":1}"))))
                .expectException(IllegalArgumentException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SegmentRuleCommands.Create("p_1", "rule-1", vip("x", true)))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }
}
