package io.chipledger.api.projection;

/** A read waited for an event its projection parked: the read model lacks it until staff retry it (503 {@code projection-parked}). */
public class ProjectionParkedException extends RuntimeException {

    ProjectionParkedException(String group) {
        super("an event of this wallet or player could not be written to the " + group + " read model and is parked for the "
                + "operator; the read model lacks it and the later events of the same wallet or player until they retry it");
    }
}
