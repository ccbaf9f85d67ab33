package io.chipledger.api.report;

import io.chipledger.api.problem.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A report's period: whole UTC days {@code [from, to)}, ISO dates ({@code 2026-11-01}), {@code to}
 * exclusive, at most {@value #DAYS_MAX} days, so one request reads a bounded part of ClickHouse.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    static final int DAYS_MAX = 366;

    /** Reads and checks the two query parameters; 400 {@code invalid-request} naming the field otherwise. */
    public static ReportPeriod of(String from, String to) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("to", "to (" + end + ") must be after from (" + start + "): the period is [from, to)");
        }
        if (ChronoUnit.DAYS.between(start, end) > DAYS_MAX) {
            throw new InvalidRequestException("to", "a period is at most " + DAYS_MAX + " days");
        }
        return new ReportPeriod(start, end);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is required: an ISO date such as 2026-11-01");
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw new InvalidRequestException(field, field + " must be a date from 2000 to 2100");
            }
            return date;
        } catch (DateTimeParseException unreadable) {
            throw new InvalidRequestException(field, field + " must be an ISO date such as 2026-11-01");
        }
    }
}
