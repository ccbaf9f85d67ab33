package io.chipledger.api.purchase;

/** A purchase for a partner that has no receipt key: refused before anything is stored, since its receipt could not be signed. */
public class ReceiptKeyMissingException extends RuntimeException {

    ReceiptKeyMissingException(String partnerId) {
        super("partner " + partnerId + " has no receipt signing key; an admin issues one with "
                + "POST /admin/v1/partners/" + partnerId + "/receipt-keys");
    }
}
