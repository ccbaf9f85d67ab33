package io.chipledger.core.segment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the segment the segment processor decided for a player, if it is not the one recorded
 * already (issue 17); sent by the service's recorder from the processor's outbox, which keeps the
 * newest decision of each player. The fields are those of {@link PlayerSegmentChangedEvent}.
 *
 * @param segmentId {@link PlayerSegment#idOf} the partner and player
 */
public record RecordPlayerSegment(@TargetAggregateIdentifier String segmentId, String partnerId, String playerId, String segment,
                                  String ruleId, String ruleName, String reason, String causeEventId, Instant decidedAt) {
}
