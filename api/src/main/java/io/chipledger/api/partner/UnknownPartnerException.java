package io.chipledger.api.partner;

import io.chipledger.api.problem.Echo;

/** An admin request names a partner that was never registered. */
public class UnknownPartnerException extends RuntimeException {

    public UnknownPartnerException(String partnerId) {
        super("no partner " + Echo.of(partnerId) + " is registered");
    }
}
