package io.chipledger.api.projection;

import io.chipledger.api.problem.Echo;

/** An admin request names a projection (processing group) the ledger does not have, or one without the asked-for ability. */
public class UnknownProjectionException extends RuntimeException {

    UnknownProjectionException(String name, java.util.List<String> known) {
        super("no projection " + Echo.of(name) + " here; known: " + String.join(", ", known));
    }
}
