package io.chipledger.api.audit;

/** An audit request names an aggregate the event store holds no event of: 404 {@code unknown-aggregate}. */
public class UnknownAggregateException extends RuntimeException {

    public UnknownAggregateException(String aggregateId) {
        super("the event store holds no event of " + aggregateId);
    }
}
