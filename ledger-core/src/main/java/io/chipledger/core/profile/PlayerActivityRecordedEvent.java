package io.chipledger.core.profile;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A player's activity, once per event id; {@code occurredAt} is when the player did it, not when it was reported. */
@JsonTypeName("profile.PlayerActivityRecordedEvent")
@Revision("1")
public record PlayerActivityRecordedEvent(
        PlayerProfileId profileId,
        String eventId,
        ActivityType type,
        Long value,
        Map<String, Object> meta,
        Instant occurredAt,
        ActivitySource source) {
}
