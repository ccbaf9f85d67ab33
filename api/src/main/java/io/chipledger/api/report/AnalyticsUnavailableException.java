package io.chipledger.api.report;

/**
 * A report cannot be made now: analytics is off (no ClickHouse configured: 503 {@code analytics-off})
 * or ClickHouse did not answer (503 {@code analytics-unavailable}, {@code Retry-After: 30}).
 */
public class AnalyticsUnavailableException extends RuntimeException {

    private final boolean off;

    public AnalyticsUnavailableException(boolean off, String message) {
        super(message);
        this.off = off;
    }

    public boolean off() {
        return off;
    }
}
