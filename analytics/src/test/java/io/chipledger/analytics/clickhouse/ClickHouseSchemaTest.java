package io.chipledger.analytics.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema on a real ClickHouse (scripts/test.sh starts one and sets CHIPLEDGER_CLICKHOUSE_URL):
 * applied twice it changes nothing the second time, and a posting sent twice counts once.
 */
class ClickHouseSchemaTest {

    private String database;
    private Connection connection;

    @BeforeEach
    void aDatabaseOfItsOwn() throws SQLException {
        String url = System.getenv("CHIPLEDGER_CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("CHIPLEDGER_CLICKHOUSE_URL is not set: run the tests with scripts/test.sh, which starts a "
                    + "local ClickHouse (scripts/clickhouse.sh), or point it at one");
        }
        database = "chipledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect(url); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        connection = connect(url.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
    }

    @AfterEach
    void dropIt() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
        connection.close();
    }

    @Test
    void appliedTwiceItChangesNothingTheSecondTimeAndAPostingSentTwiceCountsOnce() throws SQLException {
        assertThat(ClickHouseSchema.apply(connection)).containsExactly(1);
        assertThat(ClickHouseSchema.apply(connection)).isEmpty();

        try (Statement statement = connection.createStatement()) {
            for (int sent = 0; sent < 2; sent++) {
                statement.execute("INSERT INTO postings (event_id, posting_index, global_position, occurred_at, day, partner_id, player_id, "
                        + "account, account_kind, asset, amount_minor, transaction_type, transaction_id, game_id, round_id) VALUES "
                        + "('e-1', 0, 7, toDateTime('2026-11-30 10:00:00'), toDate('2026-11-30'), 'p_1', 'alice', 'player:available', "
                        + "'player', 'USD', -1000, 'bet', 't-1', 'slots', 'r-1')");
            }
            try (ResultSet sum = statement.executeQuery("SELECT sum(amount_minor), count() FROM postings FINAL")) {
                sum.next();
                assertThat(sum.getLong(1)).isEqualTo(-1000);
                assertThat(sum.getLong(2)).isEqualTo(1);
            }
            try (ResultSet versions = statement.executeQuery("SELECT count() FROM chipledger_schema FINAL")) {
                versions.next();
                assertThat(versions.getLong(1)).isEqualTo(ClickHouseSchema.latest());
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", System.getenv().getOrDefault("CHIPLEDGER_CLICKHOUSE_USER", "default"));
        credentials.setProperty("password", System.getenv().getOrDefault("CHIPLEDGER_CLICKHOUSE_PASSWORD", ""));
        return DriverManager.getConnection(url, credentials);
    }
}
