package io.chipledger.api.audit;

/** A second verification started while this node runs one: 409 {@code verification-running}. */
public class VerificationRunningException extends RuntimeException {

    VerificationRunningException() {
        super("this node is running a verification already: wait for it (GET its id), then start another");
    }
}
