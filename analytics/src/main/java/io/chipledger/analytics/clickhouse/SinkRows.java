package io.chipledger.analytics.clickhouse;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds rows to what ClickHouse takes, and writes them: one batch insert per table.
 *
 * <p>The limits are ClickHouse's own where it has them: a {@code DateTime} is seconds from 1970 to
 * 2105, a {@code UInt16} is 0..65535. Text is limited to {@value #TEXT_LENGTH_MAX} characters so
 * one event can never make a row the size of a batch. A value outside them is the event's fault:
 * {@link #check} throws, and the sink parks that event instead of retrying its batch forever.
 */
public final class SinkRows {

    public static final int TEXT_LENGTH_MAX = 65_536;
    public static final int ARRAY_LENGTH_MAX = 1_000;
    static final Instant DATE_TIME_MIN = Instant.parse("1970-01-02T00:00:00Z");
    static final Instant DATE_TIME_MAX = Instant.parse("2105-12-31T23:59:59Z");

    private SinkRows() {
    }

    /** Throws {@link IllegalArgumentException} naming the column when a value is one its column cannot take. */
    public static void check(SinkRow row) {
        for (int index = 0; index < row.values().size(); index++) {
            String refusal = refusal(row.values().get(index));
            if (refusal != null) {
                // The column's name is made only for a refusal: this runs for every value the sink writes.
                throw new IllegalArgumentException(row.table().name() + "." + row.table().columns().get(index + 2) + refusal);
            }
        }
    }

    /** Why a column could not take {@code value} (to follow its name), or null when it can. */
    private static String refusal(Object value) {
        if (value == null || value instanceof Long) {
            return null;
        }
        if (value instanceof String text) {
            return text.length() <= TEXT_LENGTH_MAX ? null : " is longer than " + TEXT_LENGTH_MAX + " characters";
        } else if (value instanceof Integer small) {
            return small >= 0 && small <= 65_535 ? null : " is outside 0..65535: " + small;
        } else if (value instanceof Instant at) {
            return !at.isBefore(DATE_TIME_MIN) && !at.isAfter(DATE_TIME_MAX) ? null : " is outside ClickHouse's DateTime range: " + at;
        } else if (value instanceof LocalDate day) {
            return refusal(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        } else if (value instanceof List<?> items) {
            if (items.size() > ARRAY_LENGTH_MAX) {
                return " holds more than " + ARRAY_LENGTH_MAX + " items";
            }
            for (Object item : items) {
                String refused = item instanceof String || item instanceof Long ? refusal(item) : " holds a " + item;
                if (refused != null) {
                    return refused;
                }
            }
            return null;
        }
        return " cannot take a " + value.getClass().getName();
    }

    /**
     * Inserts {@code rows}, one batch per table (one round trip and one ClickHouse part each), with
     * each row's global position from {@code positions} (by event id).
     */
    public static void insert(Connection clickHouse, List<SinkRow> rows, Map<String, Long> positions) throws SQLException {
        Map<SinkTable, List<SinkRow>> byTable = new LinkedHashMap<>();
        rows.forEach(row -> byTable.computeIfAbsent(row.table(), table -> new java.util.ArrayList<>()).add(row));
        for (Map.Entry<SinkTable, List<SinkRow>> table : byTable.entrySet()) {
            try (PreparedStatement insert = clickHouse.prepareStatement(table.getKey().insertSql())) {
                for (SinkRow row : table.getValue()) {
                    Long position = positions.get(row.eventId());
                    if (position == null) {
                        throw new IllegalStateException("no global position for event " + row.eventId());
                    }
                    insert.setString(1, row.eventId());
                    insert.setLong(2, position);
                    for (int index = 0; index < row.values().size(); index++) {
                        bind(insert, index + 3, row.values().get(index));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, int parameter, Object value) throws SQLException {
        if (value == null) {
            insert.setNull(parameter, java.sql.Types.BIGINT);
        } else if (value instanceof Instant at) {
            // A DateTime holds whole seconds, and ClickHouse 18.16 refuses a fraction in its text (the driver sends nanoseconds).
            insert.setTimestamp(parameter, Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        } else if (value instanceof LocalDate day) {
            insert.setDate(parameter, Date.valueOf(day));
        } else if (value instanceof List<?> items) {
            insert.setArray(parameter, insert.getConnection().createArrayOf(items.isEmpty() || items.get(0) instanceof String
                    ? "String" : "Int64", items.toArray()));
        } else {
            insert.setObject(parameter, value);
        }
    }
}
