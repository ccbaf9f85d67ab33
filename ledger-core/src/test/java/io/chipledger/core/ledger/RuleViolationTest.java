package io.chipledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule violation's details become members of an RFC 7807 problem: none may take a member's name. */
class RuleViolationTest {

    @Test
    void noDetailReplacesAProblemMember() {
        for (String member : RuleViolation.PROBLEM_MEMBERS) {
            assertThatThrownBy(() -> new RuleViolation(RuleViolation.Rule.STATUS_CONFLICT, "refused", Map.of(member, "x")))
                    .as(member).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new RuleViolation(RuleViolation.Rule.STATUS_CONFLICT, "refused", Map.of("alert_status", "NEW")).details())
                .containsEntry("alert_status", "NEW");
    }
}
