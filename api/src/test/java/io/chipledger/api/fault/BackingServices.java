package io.chipledger.api.fault;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.analytics.ClickHouseSettings;
import io.chipledger.api.kafka.StandaloneKafka;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What services run in processes of their own need, and what must outlive them: a fresh
 * PostgreSQL database and a fresh ClickHouse database of the fault test's own, and a Kafka broker.
 *
 * <p>PostgreSQL is the server of {@code SPRING_DATASOURCE_URL} (scripts/test.sh gives the machine's
 * own); without it, an embedded PostgreSQL started in the test's JVM, which a killed service
 * cannot take down with it. ClickHouse is the server of {@code CHIPLEDGER_CLICKHOUSE_URL}: a fault
 * test without it fails, saying what to start, since the sink's convergence is part of what it
 * shows. Kafka is the broker in the test's JVM ({@link StandaloneKafka}): in production Kafka
 * outlives a crashed node, and a broker inside the killed service would test Kafka's own crash
 * recovery instead of the publisher's, and could not serve two nodes. The database's name is
 * {@code FAULTS_DATABASE}, or the tests' database's name with the fault's name after it.
 */
final class BackingServices implements AutoCloseable {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:[a-z]+://[^/]+/)([^?]*)(.*)$");
    /**
     * Each service's connections: the machine's PostgreSQL allows 100 (Debian's default), shared with
     * the suite's own contexts (20 each) and, in NodeKillTest, with a second node.
     */
    private static final int SERVICE_CONNECTIONS_MAX = 10;
    /** How long a check waits for a connection while the server has none to spare. */
    private static final Duration CONNECTION_WAIT_MAX = Duration.ofSeconds(60);
    /** ClickHouse 18.16 has been seen to hang on a DROP (bench/run.sh): then a fresh name instead of a hung test. */
    private static final int CLICKHOUSE_DROP_SECONDS_MAX = 30;

    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final ClickHouseSettings clickHouse;
    private final StandaloneKafka kafka;
    private final EmbeddedPostgres embedded;
    private HikariDataSource checks;
    /** The snapshot seal's key, the same for every process and restart of this run (docs/audit.md). */
    private final String snapshotKey = UUID.randomUUID().toString().replace("-", "");

    private BackingServices(String databaseUrl, String databaseUser, String databasePassword, ClickHouseSettings clickHouse,
                            StandaloneKafka kafka, EmbeddedPostgres embedded) {
        this.databaseUrl = databaseUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.clickHouse = clickHouse;
        this.kafka = kafka;
        this.embedded = embedded;
    }

    /** Fresh databases named after {@code fault} (e.g. {@code crash}), and a broker. */
    static BackingServices start(String fault) {
        ClickHouseSettings clickHouseServer = new ClickHouseSettings(System.getenv("CHIPLEDGER_CLICKHOUSE_URL"),
                System.getenv("CHIPLEDGER_CLICKHOUSE_USER"), System.getenv("CHIPLEDGER_CLICKHOUSE_PASSWORD"),
                System.getenv("CHIPLEDGER_CLICKHOUSE_DRIVER_CLASS"));
        if (!clickHouseServer.on()) {
            throw new IllegalStateException("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse");
        }
        String serverUrl = System.getenv("SPRING_DATASOURCE_URL");
        EmbeddedPostgres embedded = serverUrl == null || serverUrl.isBlank() ? embeddedPostgres() : null;
        String adminUrl = embedded != null ? embedded.getJdbcUrl("postgres", "postgres") : serverUrl;
        String user = embedded != null ? "postgres" : envOr("SPRING_DATASOURCE_USERNAME", "postgres");
        String password = embedded != null ? "" : envOr("SPRING_DATASOURCE_PASSWORD", "");
        String name = envOr("FAULTS_DATABASE", databaseName(adminUrl) + "_" + fault);
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("FAULTS_DATABASE must be a plain lower-case name: " + name);
        }
        freshPostgresDatabase(adminUrl, user, password, name);
        ClickHouseSettings clickHouse = freshClickHouseDatabase(clickHouseServer, name);
        return new BackingServices(withDatabase(adminUrl, name), user, password, clickHouse, StandaloneKafka.start(), embedded);
    }

    /** The settings of a service on these: database, ClickHouse, Kafka. The secrets are in {@link #serviceEnvironment}. */
    List<String> serviceArguments() {
        return List.of(
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + databaseUser,
                "--spring.datasource.hikari.maximum-pool-size=" + SERVICE_CONNECTIONS_MAX,
                "--chipledger.clickhouse.url=" + clickHouse.url(),
                "--chipledger.clickhouse.user=" + clickHouse.user(),
                "--chipledger.clickhouse.driver-class=" + clickHouse.driverClass(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                // Nothing of the service's own goes to ./data: it has no embedded database or broker here.
                "--chipledger.data-dir=target/faults/data");
    }

    /** The secrets, as an operator would give them (docs/operations.md): the tests' admin key, the snapshot key, passwords. */
    Map<String, String> serviceEnvironment() {
        return Map.of(
                "CHIPLEDGER_ADMIN_KEY", LedgerClient.ADMIN_KEY,
                "CHIPLEDGER_AUDIT_SNAPSHOT_KEY", snapshotKey,
                "SPRING_DATASOURCE_PASSWORD", databasePassword,
                "CHIPLEDGER_CLICKHOUSE_PASSWORD", clickHouse.password());
    }

    /**
     * The service's database, for the tests' reading of the event store and tokens: a pool of its
     * own that keeps one connection, and waits for another while the server is full.
     */
    synchronized JdbcTemplate database() {
        if (checks == null) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(databaseUrl);
            pool.setUsername(databaseUser);
            pool.setPassword(databasePassword);
            pool.setMaximumPoolSize(2);
            pool.setMinimumIdle(1);
            pool.setConnectionTimeout(CONNECTION_WAIT_MAX.toMillis());
            pool.setPoolName("fault-checks");
            checks = pool;
        }
        return new JdbcTemplate(checks);
    }

    Connection clickHouse() throws SQLException {
        return clickHouse.connect();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public synchronized void close() {
        if (checks != null) {
            checks.close();
        }
        kafka.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // The test's JVM ends soon; its temporary data folder goes with the system's clean-up.
            }
        }
    }

    private static EmbeddedPostgres embeddedPostgres() {
        try {
            return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
        } catch (IOException failed) {
            throw new UncheckedIOException("no SPRING_DATASOURCE_URL, and the embedded PostgreSQL did not start", failed);
        }
    }

    private static void freshPostgresDatabase(String adminUrl, String user, String password, String name) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not make the fresh database " + name + " on " + adminUrl, failed);
        }
    }

    private static ClickHouseSettings freshClickHouseDatabase(ClickHouseSettings server, String name) {
        String chosen = name;
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(CLICKHOUSE_DROP_SECONDS_MAX);
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException hung) {
                chosen = name + "_" + Long.toString(System.currentTimeMillis(), 36);
            }
            statement.execute("CREATE DATABASE IF NOT EXISTS " + chosen);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not make the fresh ClickHouse database " + name + " on " + server.url(), failed);
        }
        return new ClickHouseSettings(withDatabase(server.url(), chosen), server.user(), server.password(), server.driverClass());
    }

    private static String databaseName(String url) {
        Matcher matcher = DATABASE_IN_URL.matcher(url);
        if (!matcher.matches() || matcher.group(2).isEmpty()) {
            throw new IllegalArgumentException("no database name in " + url);
        }
        return matcher.group(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static String withDatabase(String url, String name) {
        Matcher matcher = DATABASE_IN_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a JDBC URL with a database: " + url);
        }
        return matcher.group(1) + name + matcher.group(3);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
