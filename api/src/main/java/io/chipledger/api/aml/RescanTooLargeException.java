package io.chipledger.api.aml;

/** A rescan would read more events than one request may: 422 {@code rescan-too-large}; nothing was read. */
public class RescanTooLargeException extends RuntimeException {

    public RescanTooLargeException(long events, long max) {
        super("the rescan would read about " + events + " events (its period and the 31 days before it); at most " + max
                + ": rescan a shorter period");
    }
}
