package io.chipledger.projections;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An instant a caller gives as a bound of a period, as PostgreSQL compares it. PostgreSQL keeps
 * microseconds and rounds a finer instant to the nearest one, which can move a bound across a
 * stored time: {@code to = …25.4972631Z} became {@code …25.497263Z} and left out a row stored at
 * exactly that microsecond, though it is before {@code to}. Rounding every bound up to the next
 * microsecond keeps {@code [from, to)} exact for the times PostgreSQL holds.
 */
public final class QueryTimes {

    private QueryTimes() {
    }

    /** {@code at} rounded up to the microsecond, as a JDBC parameter; null stays null. */
    public static Timestamp bound(Instant at) {
        if (at == null) {
            return null;
        }
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        return Timestamp.from(micros.equals(at) ? at : micros.plus(1, ChronoUnit.MICROS));
    }
}
