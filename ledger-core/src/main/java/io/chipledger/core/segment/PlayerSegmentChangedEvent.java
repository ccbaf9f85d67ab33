package io.chipledger.core.segment;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A player's published segment changed (issue 17): the segment processor decided a segment other
 * than the one the ledger last recorded for the player ({@link PlayerSegment}), and the ledger
 * recorded the change so that other services can follow segments on Kafka
 * ({@code player.segment.changed}, docs/events.md) and auditors see every change in the history.
 * A player's changes form a chain: each one's {@code fromSegment} is the one before's
 * {@code toSegment}, in the order of the aggregate's sequence. Its metadata's actor is
 * {@code system:segments}.
 *
 * @param fromSegment  the segment recorded before, null for a player's first
 * @param toSegment    the segment now, {@value SegmentRuleDefinition#SEGMENT_PATTERN}
 * @param ruleId       the rule that decided: a partner's {@code sr_…} or a default's {@code default:<SEGMENT>}
 * @param ruleName     that rule's name when it decided
 * @param reason       {@code event} (the player's facts changed), {@code rules} (a rule changed) or {@code time} (a pass)
 * @param causeEventId the stored event that made the processor decide it: the player's own, a rule's, or a pass's
 * @param decidedAt    that event's time (microseconds)
 */
@JsonTypeName("segment.PlayerSegmentChangedEvent")
@Revision("1")
public record PlayerSegmentChangedEvent(String partnerId, String playerId, String fromSegment, String toSegment, String ruleId,
                                        String ruleName, String reason, String causeEventId, Instant decidedAt) {
}
