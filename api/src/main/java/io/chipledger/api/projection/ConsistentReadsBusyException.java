package io.chipledger.api.projection;

/**
 * As many reads as {@code chipledger.consistency-waiters-max} already wait for a projection on
 * this node; one more is refused at once rather than holding another request thread.
 */
public class ConsistentReadsBusyException extends RuntimeException {

    public ConsistentReadsBusyException(int waitersMax) {
        super("too many reads are waiting for consistent_with on this node (" + waitersMax + " at most); retry shortly");
    }
}
