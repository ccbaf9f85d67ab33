package io.chipledger.projections;

import org.axonframework.eventhandling.TrackingToken;

/** An event's position in the store, as a tracking projection sees it with each event. */
public final class EventPosition {

    private EventPosition() {
    }

    public static long of(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            throw new IllegalStateException("a tracking projection sees each event with its position in the store");
        }
        return token.position().getAsLong();
    }
}
