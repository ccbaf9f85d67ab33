package io.chipledger.core.segment;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Revision;

/**
 * The events of a partner's {@link SegmentRuleBook} (issue 17); the acting admin key is in each
 * one's metadata ({@code actor}). A created or updated rule carries its whole definition, its
 * condition in canonical form, so the history alone says what every rule was at any time.
 */
public final class SegmentRuleEvents {

    private SegmentRuleEvents() {
    }

    @JsonTypeName("segment.SegmentRuleCreatedEvent")
    @Revision("1")
    public record Created(String partnerId, String ruleId, String name, String segment, int priority, boolean enabled,
                          JsonNode condition) {
    }

    @JsonTypeName("segment.SegmentRuleUpdatedEvent")
    @Revision("1")
    public record Updated(String partnerId, String ruleId, String name, String segment, int priority, boolean enabled,
                          JsonNode condition) {
    }

    @JsonTypeName("segment.SegmentRuleEnabledEvent")
    @Revision("1")
    public record Enabled(String partnerId, String ruleId) {
    }

    @JsonTypeName("segment.SegmentRuleDisabledEvent")
    @Revision("1")
    public record Disabled(String partnerId, String ruleId) {
    }

    @JsonTypeName("segment.SegmentRuleDeletedEvent")
    @Revision("1")
    public record Deleted(String partnerId, String ruleId) {
    }

    /**
     * Every player of the partner is to be segmented again as of this event's time: the daily pass
     * that moves players across the {@code days_since_*} boundaries, or one asked for. An event, so a
     * rebuild segments as the live processor did.
     */
    @JsonTypeName("segment.SegmentEvaluationRequestedEvent")
    @Revision("1")
    public record EvaluationRequested(String partnerId, String reason) {
    }
}
