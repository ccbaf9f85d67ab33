package io.chipledger.api.report;

/**
 * A report would answer more lines than it may, or a statement hold a figure past 64-bit minor
 * units (422 {@code report-too-large}): narrow the period or group coarser.
 */
public class ReportTooLargeException extends RuntimeException {

    public ReportTooLargeException(String message) {
        super(message);
    }
}
