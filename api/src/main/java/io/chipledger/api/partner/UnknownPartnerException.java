package io.chipledger.api.partner;

/** An admin request names a partner that was never registered. */
public class UnknownPartnerException extends RuntimeException {

    public UnknownPartnerException(String partnerId) {
        super("no partner " + partnerId + " is registered");
    }
}
