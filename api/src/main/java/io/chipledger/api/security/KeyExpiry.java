package io.chipledger.api.security;

import io.chipledger.api.input.Instants;
import io.chipledger.api.problem.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The optional expiry of an issued key, partner or admin: an ISO-8601 instant such as
 * {@code 2027-01-31T00:00:00Z} ({@link Instants}), in the future and at most {@link #LIFETIME_MAX} ahead, so every
 * key that is issued can be used and is rotated at least that often. Absent, null or empty: never expires.
 */
public final class KeyExpiry {

    /** About ten years: longer than any key should live, far inside what the database stores. */
    public static final Duration LIFETIME_MAX = Duration.ofDays(3653);

    private KeyExpiry() {
    }

    /** The instant in {@code expires_at}, or null for a key that never expires. */
    public static Instant parse(String text, Clock clock) {
        Instant expiresAt = instant("expires_at", text, clock);
        if (expiresAt != null && expiresAt.isAfter(clock.instant().plus(LIFETIME_MAX))) {
            throw new InvalidRequestException("expires_at", "expires_at must be in the future and at most "
                    + LIFETIME_MAX.toDays() + " days ahead; leave it out (or empty) for a key that never expires");
        }
        return expiresAt;
    }

    /**
     * An instant in the future in {@code field}, refused in that field's name; null when absent or
     * empty. The caller adds its own upper bound and says what absent means.
     */
    public static Instant instant(String field, String text, Clock clock) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instants.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidRequestException(field, field + " must be " + Instants.RULE);
        }
        if (instant != null && !instant.isAfter(clock.instant())) {
            throw new InvalidRequestException(field, field + " must be in the future");
        }
        return instant;
    }
}
