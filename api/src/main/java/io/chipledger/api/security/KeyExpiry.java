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

    /** The instant, or null for a key that never expires. */
    public static Instant parse(String text, Clock clock) {
        if (text == null) {
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = Instants.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidRequestException("expires_at", "expires_at must be " + Instants.RULE);
        }
        Instant now = clock.instant();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LIFETIME_MAX)))) {
            throw new InvalidRequestException("expires_at", "expires_at must be in the future and at most "
                    + LIFETIME_MAX.toDays() + " days ahead; leave it out (or empty) for a key that never expires");
        }
        return expiresAt;
    }
}
