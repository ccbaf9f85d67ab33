package io.chipledger.api.activity;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A player's activity as the partner reports it (snake_case on the wire).
 *
 * @param eventType  what the player did (the document lists the types)
 * @param eventId    a UUID the client makes once per activity: the activity counts once per id, ever
 * @param value      the seconds played for {@code PLAY_DURATION} (required there, 1-86400), else optional
 * @param meta       free-form JSON, at most 2 KiB
 * @param occurredAt when the player acted; defaults to now, not before 2000-01-01T00:00:00Z and at most 5 minutes ahead of the ledger's clock
 */
record ActivityRequest(@Schema(requiredMode = REQUIRED, example = "PLAY_DURATION") String eventType,
                       @Schema(requiredMode = REQUIRED, format = "uuid", example = "0b6f3a52-8c1e-4b7a-9a55-3f0e2d1c4b6a") String eventId,
                       @Schema(example = "180") Long value,
                       @Schema(example = "{\"device\": \"ios\"}") Map<String, Object> meta,
                       @Schema(example = "2026-11-21T10:00:00Z") Instant occurredAt) {
}
