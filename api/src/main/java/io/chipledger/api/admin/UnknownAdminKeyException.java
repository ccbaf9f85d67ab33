package io.chipledger.api.admin;

/** An admin key id that was never issued: 404 {@code unknown-admin-key}. */
public class UnknownAdminKeyException extends RuntimeException {

    public UnknownAdminKeyException(String keyId) {
        super("no admin key " + keyId);
    }
}
