package io.chipledger.core.segment;

/** What a segment condition reads of one player, at the moment it is evaluated. */
@FunctionalInterface
public interface SegmentFacts {

    /**
     * The field's value for the player: an {@link java.time.Instant} for times, a {@link Long} for
     * days and counts, a {@link java.math.BigDecimal} in major units for the amounts of
     * {@code asset} (null for other fields), a {@link String} for the country; null when the
     * player has none (never logged in, never charged, no country reported).
     */
    Object value(SegmentField field, String asset);
}
