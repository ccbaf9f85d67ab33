package io.chipledger.analytics.clickhouse;

import java.util.List;

/**
 * One row a mapping made for one table ({@link AnalyticsMappings}): the event it comes from and
 * the values of the table's own columns, in order, each a {@code String}, {@code Long},
 * {@code Integer} (a {@code UInt16}), {@code java.time.Instant} (a {@code DateTime}),
 * {@code java.time.LocalDate} (a {@code Date}), a {@code List} of strings or longs (an
 * {@code Array}) or {@code null} (a {@code Nullable} column). {@link SinkRows#check} holds every
 * value to what its column takes, so ClickHouse never refuses a row the sink accepted.
 */
public record SinkRow(SinkTable table, String eventId, List<Object> values) {

    public SinkRow {
        if (values.size() != table.valueCount()) {
            throw new IllegalArgumentException(table.name() + " takes " + table.valueCount() + " values after the event's identity, got "
                    + values.size());
        }
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
}
