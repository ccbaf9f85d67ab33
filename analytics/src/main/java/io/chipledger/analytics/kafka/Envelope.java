package io.chipledger.analytics.kafka;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The value of every message on every topic: {@code {"event_id", "event_type", "timestamp", "data"}}
 * (DESIGN.md, seeds 002 §3.3), UTF-8 JSON. {@code timestamp} is when the ledger recorded the event,
 * ISO-8601 in UTC; {@code data} is the event's JSON (docs/events.md).
 */
final class Envelope {

    /** snake_case and ISO times, as the stored events: a record of this module is written as the catalogue says. */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @JsonPropertyOrder({"event_id", "event_type", "timestamp", "data"})
    private record Value(String eventId, String eventType, String timestamp, @JsonRawValue String data) {
    }

    private Envelope() {
    }

    /** The envelope around JSON that is already written ({@code data}, UTF-8), which is copied as it is. */
    static byte[] of(String eventId, String eventType, String timestamp, byte[] data) {
        return write(new Value(eventId, eventType, timestamp, new String(data, StandardCharsets.UTF_8)));
    }

    /** An instant as the envelope writes it: ISO-8601 in UTC, as Jackson writes the stored events' own instants. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The envelope around an object written as JSON. */
    static byte[] of(String eventId, String eventType, String timestamp, Object data) {
        try {
            return of(eventId, eventType, timestamp, JSON.writeValueAsBytes(data));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalArgumentException("not writable as JSON: " + unwritable.getOriginalMessage(), unwritable);
        }
    }

    private static byte[] write(Value value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalArgumentException("not writable as JSON: " + unwritable.getOriginalMessage(), unwritable);
        }
    }
}
