package io.chipledger.analytics.clickhouse;

import java.util.List;

/**
 * A ClickHouse table the sink writes, and the columns it fills, in order. Every table starts with
 * {@code event_id} and {@code global_position}: the event a row comes from, filled by the writer
 * ({@link SinkRows#insert}) from the event's own row in the store. {@code ClickHouseSchemaTest}
 * holds these columns equal to the DDL's ({@link ClickHouseSchema}).
 */
public record SinkTable(String name, List<String> columns) {

    public SinkTable {
        if (columns.size() < 3 || !columns.get(0).equals("event_id") || !columns.get(1).equals("global_position")) {
            throw new IllegalArgumentException("a sink table starts with event_id, global_position, then its own columns: " + columns);
        }
        columns = List.copyOf(columns);
    }

    /** The columns a mapping gives values for: all but the event's identity. */
    public int valueCount() {
        return columns.size() - 2;
    }

    String insertSql() {
        return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }
}
