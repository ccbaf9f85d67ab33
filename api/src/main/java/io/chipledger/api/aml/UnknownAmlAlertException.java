package io.chipledger.api.aml;

/** No alert has this id: 404 {@code unknown-aml-alert}. */
public class UnknownAmlAlertException extends RuntimeException {

    public UnknownAmlAlertException(String alertId) {
        super("no AML alert " + alertId);
    }
}
