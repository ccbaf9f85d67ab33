package io.chipledger.core.segment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a segment change the segment processor decided (issue 17); sent by the service's
 * recorder from the processor's outbox, once per change id. The fields are those of
 * {@link PlayerSegmentChangedEvent}.
 */
public record RecordPlayerSegmentChange(@TargetAggregateIdentifier String changeId, String partnerId, String playerId, String fromSegment,
                                        String toSegment, String ruleId, String ruleName, String reason, String causeEventId,
                                        Instant changedAt) {
}
