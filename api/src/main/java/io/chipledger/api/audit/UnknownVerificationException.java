package io.chipledger.api.audit;

/** A verification id the ledger never started: 404 {@code unknown-verification}. */
public class UnknownVerificationException extends RuntimeException {

    UnknownVerificationException(String verificationId) {
        super("no verification " + verificationId);
    }
}
