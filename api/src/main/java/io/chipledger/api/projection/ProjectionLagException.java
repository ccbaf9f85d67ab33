package io.chipledger.api.projection;

/** A read asked for a position the projection did not reach within the bounded wait. */
public class ProjectionLagException extends RuntimeException {

    public ProjectionLagException(String group, long position, long reached) {
        super("projection " + group + " has reached position " + reached + ", not yet " + position + "; retry shortly");
    }
}
