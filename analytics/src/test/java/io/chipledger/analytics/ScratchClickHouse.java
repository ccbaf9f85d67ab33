package io.chipledger.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A ClickHouse database of a test's own, on the server of CHIPLEDGER_CLICKHOUSE_URL (scripts/test.sh
 * starts one), dropped on close. Without the variable the test fails, saying how to run it: never skipped.
 */
public final class ScratchClickHouse implements AutoCloseable {

    private final String database;
    private final Connection connection;

    private ScratchClickHouse(String database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    public static ScratchClickHouse create() throws SQLException {
        String url = System.getenv("CHIPLEDGER_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("CHIPLEDGER_CLICKHOUSE_URL is not set: run the tests with scripts/test.sh, which starts a "
                    + "local ClickHouse (scripts/clickhouse.sh), or point it at one");
        }
        String database = "chipledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect(url); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new ScratchClickHouse(database, connect(url.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1")));
    }

    public String database() {
        return database;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
        connection.close();
    }

    private static Connection connect(String url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", System.getenv().getOrDefault("CHIPLEDGER_CLICKHOUSE_USER", "default"));
        credentials.setProperty("password", System.getenv().getOrDefault("CHIPLEDGER_CLICKHOUSE_PASSWORD", ""));
        return DriverManager.getConnection(url, credentials);
    }
}
