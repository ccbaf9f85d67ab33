package io.chipledger.analytics.kafka;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A stored event as the publisher reads it: its stored JSON as it is (the public schema of the
 * event catalogue, never serialized again) and, only when a mapping asks, its payload as an object.
 *
 * @param eventId the event's own id ({@code event_identifier})
 * @param eventType its stored type name, e.g. {@code wallet.BetPlacedEvent}
 * @param recordedAt when the ledger recorded it
 * @param aggregateId the aggregate it belongs to (a wallet is {@code <partner_id>:<player_id>})
 * @param sequence its number within that aggregate, from 0 without gaps
 * @param payloadType the payload's class
 * @param json the stored payload, UTF-8 JSON
 * @param payload the payload deserialized, asked for by the mappings that need its fields
 * @param partnerId the partner of the metadata, or null when the event has none
 * @param correlationId the command's id from the metadata, or null
 */
public record LedgerEvent(String eventId, String eventType, Instant recordedAt, String aggregateId, long sequence,
                          Class<?> payloadType, byte[] json, Supplier<Object> payload, String partnerId, String correlationId) {
}
