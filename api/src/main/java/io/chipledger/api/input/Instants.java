package io.chipledger.api.input;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The grammar of every instant a client sends (body {@code expires_at}, {@code occurred_at};
 * query {@code from}, {@code to}): ISO-8601 text only, within years 2000-9999. PostgreSQL and our
 * clients agree on that range, and a key that expires in year +999999999 never works at all.
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Exclusive. */
    public static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    static final int LENGTH_MAX = 40;
    public static final String RULE = "an ISO-8601 instant such as 2026-11-01T00:00:00Z, from year 2000 to 9999";

    private Instants() {
    }

    /** The instant the text names; empty text is no instant (null). Anything else is refused. */
    public static Instant parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > LENGTH_MAX) {
            throw new IllegalArgumentException(RULE);
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            throw new IllegalArgumentException(RULE);
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new IllegalArgumentException(RULE);
        }
        return instant;
    }
}
