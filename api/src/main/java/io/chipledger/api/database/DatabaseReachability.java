package io.chipledger.api.database;

import com.zaxxer.hikari.HikariDataSource;
import io.chipledger.api.DaemonThreads;
import io.chipledger.api.FailuresOfTheMoment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether PostgreSQL can be reached, so that requests fail fast while it cannot. A request that
 * meets the database away ({@link FailuresOfTheMoment#isDatabaseAway}) reports it; from then on
 * commands and key checks are refused at once ({@link DatabaseAwayException}, 503 {@code ledger-busy})
 * rather than each waiting the pool's connection timeout (10 s) for nothing, and readiness says
 * not ready. One thread tries a fresh connection every {@value #PROBE_INTERVAL_MILLIS} ms (each
 * bounded by {@link #CHECK_TIMEOUT}) and lifts the refusal as soon as one is made: the service
 * recovers by itself. The check opens its own connection, outside the pool, so a busy pool is
 * never taken for a database that is away.
 */
@Component
public class DatabaseReachability {

    static final long PROBE_INTERVAL_MILLIS = 250;
    /** How long a check waits to connect, log in and be answered. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);

    private final DataSource dataSource;
    private final AtomicBoolean away = new AtomicBoolean();
    private final ExecutorService prober = Executors.newSingleThreadExecutor(DaemonThreads.named("database-probe"));

    DatabaseReachability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True from a failure that found the database away until a check reaches it again. */
    public boolean away() {
        return away.get();
    }

    /** Refuses at once while the database is away. */
    public void requireReachable() {
        if (away.get()) {
            throw new DatabaseAwayException();
        }
    }

    /**
     * Takes note of a failure: when it says the database is away, requests are refused at once until
     * a check reaches it again. Answers whether it did.
     */
    public boolean noteFailure(Throwable failure) {
        if (!FailuresOfTheMoment.isDatabaseAway(failure)) {
            return false;
        }
        if (away.compareAndSet(false, true)) {
            log.warn("The database is away ({}): commands are refused with 503 ledger-busy until it answers again", rootMessage(failure));
            prober.execute(this::probeUntilBack);
        }
        return true;
    }

    /** A fresh connection answers within {@link #CHECK_TIMEOUT}; a failure to connect marks the database away. */
    public boolean check() {
        try (Connection connection = connect()) {
            if (connection.isValid((int) CHECK_TIMEOUT.toSeconds())) {
                return true;
            }
            noteFailure(new SQLException("the database did not answer a check within " + CHECK_TIMEOUT, "08006"));
        } catch (SQLException failure) {
            noteFailure(failure);
        }
        return false;
    }

    private void probeUntilBack() {
        long awaySince = System.nanoTime();
        while (away.get()) {
            try {
                Thread.sleep(PROBE_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try (Connection connection = connect()) {
                if (connection.isValid((int) CHECK_TIMEOUT.toSeconds())) {
                    away.set(false);
                    log.info("The database answers again after {} ms: commands are taken again", (System.nanoTime() - awaySince) / 1_000_000);
                }
            } catch (SQLException stillAway) {
                // Tried again after the interval.
            }
        }
    }

    /**
     * A connection of its own, with short timeouts, on the pool's URL and credentials; without a
     * Hikari pool (never in this service), one from the pool.
     */
    private Connection connect() throws SQLException {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        String seconds = Long.toString(CHECK_TIMEOUT.toSeconds());
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
