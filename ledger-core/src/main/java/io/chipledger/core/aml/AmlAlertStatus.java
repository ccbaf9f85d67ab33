package io.chipledger.core.aml;

/**
 * Where an alert is in the investigators' workflow (issue 15): NEW, then INVESTIGATING, then
 * CLOSED (nothing to report) or REPORTED (filed with the authority, under a report reference).
 * CLOSED and REPORTED are final.
 */
public enum AmlAlertStatus {
    NEW,
    INVESTIGATING,
    CLOSED,
    REPORTED;

    public boolean isFinal() {
        return this == CLOSED || this == REPORTED;
    }
}
