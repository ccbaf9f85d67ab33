package io.chipledger.api.report;

/** A report would answer more lines than it may (422 {@code report-too-large}): narrow the period or group coarser. */
public class ReportTooLargeException extends RuntimeException {

    ReportTooLargeException(String message) {
        super(message);
    }
}
