package io.chipledger.projections;

/**
 * An event's own position in the store (its {@code global_index}), for a read-model row that
 * stands for the event or is listed in the store's order.
 *
 * <p>Never the tracking token's position: under concurrent appends events commit out of
 * global-index order, and for an event that fills a gap Axon's token reports the highest position
 * seen so far, not the event's own, so two events would share it. The position is read from the
 * store by the event's identifier inside the statement that writes the row (an index lookup, no
 * round trip), and an event missing from the store makes the row's NOT NULL column refuse it
 * loudly rather than write it without a position.
 */
public final class EventPosition {

    /** A scalar subquery for a VALUES list; its one parameter is the event identifier. */
    public static final String OF_EVENT = "(SELECT global_index FROM domain_event_entry WHERE event_identifier = ?)";

    private EventPosition() {
    }
}
