package io.chipledger.api.settlement;

/**
 * ClickHouse does not hold every event of the period yet (503 {@code analytics-behind},
 * {@code Retry-After: 5}): the sink is behind, or parked an event. A statement is made only from
 * complete figures.
 */
public class AnalyticsBehindException extends RuntimeException {

    AnalyticsBehindException(String message) {
        super(message);
    }
}
