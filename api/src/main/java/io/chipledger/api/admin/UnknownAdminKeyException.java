package io.chipledger.api.admin;

import io.chipledger.api.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An admin key id that was never issued: 404 {@code unknown-admin-key}. */
class UnknownAdminKeyException extends ErrorResponseException {

    UnknownAdminKeyException(String keyId) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "unknown-admin-key", "no admin key " + keyId), null);
    }
}
