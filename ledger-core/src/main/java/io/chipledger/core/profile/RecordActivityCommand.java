package io.chipledger.core.profile;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records one thing a player did. {@code eventId} is the activity's identity: the command is sent
 * at most once per event id (the idempotency key), so a retried report counts once.
 */
public record RecordActivityCommand(
        @TargetAggregateIdentifier PlayerProfileId profileId,
        String eventId,
        ActivityType type,
        Long value,
        Map<String, Object> meta,
        Instant occurredAt,
        ActivitySource source) {
}
