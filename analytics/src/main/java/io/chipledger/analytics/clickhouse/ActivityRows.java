package io.chipledger.analytics.clickhouse;

import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code activity} table: one row per player activity (login, play time, a charge the wallet
 * reported...), at the time it happened ({@code occurred_at}, whose day is {@code day}) and the
 * time the ledger recorded it; {@code value} is null for activities without one.
 */
public final class ActivityRows {

    public static final SinkTable TABLE = new SinkTable("activity", List.of("event_id", "global_position", "occurred_at", "recorded_at",
            "day", "partner_id", "player_id", "activity_type", "activity_event_id", "value", "source", "meta"));

    private ActivityRows() {
    }

    static List<SinkRow> of(PlayerActivityRecordedEvent activity, String eventId, Instant recordedAt) {
        List<Object> values = new java.util.ArrayList<>(List.of(activity.occurredAt(), recordedAt,
                activity.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(), activity.profileId().partnerId(),
                activity.profileId().playerId(), activity.type().name(), activity.eventId()));
        values.add(activity.value());
        values.add(activity.source().name());
        values.add(Json.of(activity.meta()));
        return List.of(new SinkRow(TABLE, eventId, values));
    }
}
