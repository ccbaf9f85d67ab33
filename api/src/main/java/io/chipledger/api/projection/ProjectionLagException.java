package io.chipledger.api.projection;

import java.time.Duration;

/** A read asked for a position the projection did not handle within the bounded wait. */
public class ProjectionLagException extends RuntimeException {

    public ProjectionLagException(String group, long position, Duration waited) {
        super("projection " + group + " has not yet handled position " + position + " (waited " + waited.toMillis()
                + " ms); retry shortly");
    }
}
