package io.chipledger.api.report;

import io.chipledger.api.problem.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A report's period: whole UTC days {@code [from, to)}, ISO dates ({@code 2026-11-01}), {@code to}
 * exclusive, at most {@value #DAYS_MAX} days, so one request reads a bounded part of ClickHouse;
 * days of the years 2000 to 2100 (ClickHouse's Date ends in 2149; the ledger's instants start in 2000).
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    static final int DAYS_MAX = 366;

    /** Reads and checks the two query parameters; 400 {@code invalid-request} naming the field otherwise. */
    public static ReportPeriod of(String from, String to) {
        LocalDate start = date("from", from, LAST_DAY);
        LocalDate end = date("to", to, LAST_DAY.plusDays(1));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("to", "to (" + end + ") must be after from (" + start + "): the period is [from, to)");
        }
        if (ChronoUnit.DAYS.between(start, end) > DAYS_MAX) {
            throw new InvalidRequestException("to", "a period is at most " + DAYS_MAX + " days");
        }
        return new ReportPeriod(start, end);
    }

    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    private static LocalDate date(String field, String value, LocalDate latest) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is required: an ISO date such as 2026-11-01");
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isBefore(FIRST_DAY) || date.isAfter(latest)) {
                throw new InvalidRequestException(field, field + " must be a day from " + FIRST_DAY + " to " + latest);
            }
            return date;
        } catch (DateTimeParseException unreadable) {
            throw new InvalidRequestException(field, field + " must be one ISO date such as 2026-11-01");
        }
    }
}
