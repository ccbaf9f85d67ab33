package io.chipledger.core.segment;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A player's segment changed (issue 17): the segment processor decided it, and the ledger recorded
 * it ({@link PlayerSegmentChange}) so that other services can follow segments on Kafka
 * ({@code player.segment.changed}, docs/events.md) and auditors see every change in the history.
 * Its metadata's actor is {@code system:segments}.
 *
 * @param changeId     {@link PlayerSegmentChange#idOf}: the same change always has the same id
 * @param fromSegment  the segment before, null for a player's first segment
 * @param toSegment    the segment now, {@value SegmentRuleDefinition#SEGMENT_PATTERN}
 * @param ruleId       the rule that decided: a partner's {@code sr_…} or a default's {@code default:<SEGMENT>}
 * @param ruleName     that rule's name when it decided
 * @param reason       {@code event} (the player's facts changed), {@code rules} (a rule changed) or {@code time} (a pass)
 * @param causeEventId the stored event that caused the decision: the player's own, a rule's, or a pass's
 * @param changedAt    that event's time (microseconds), when the player entered {@code toSegment}
 */
@JsonTypeName("segment.PlayerSegmentChangedEvent")
@Revision("1")
public record PlayerSegmentChangedEvent(String changeId, String partnerId, String playerId, String fromSegment, String toSegment,
                                        String ruleId, String ruleName, String reason, String causeEventId, Instant changedAt) {
}
