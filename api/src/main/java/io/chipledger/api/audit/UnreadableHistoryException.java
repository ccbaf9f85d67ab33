package io.chipledger.api.audit;

/**
 * A stored event the audit API cannot read (500 {@code unreadable-history}): the store was altered
 * or damaged, or holds an asset the configuration no longer has. The detail names the event or
 * the asset; the store verification (docs/audit.md) says more.
 */
public class UnreadableHistoryException extends RuntimeException {

    UnreadableHistoryException(String aggregateId, long sequence, String what) {
        this("event " + sequence + " of " + aggregateId + " does not read (" + what + "): run the store verification (docs/audit.md)");
    }

    UnreadableHistoryException(String detail) {
        super(detail);
    }
}
