package io.chipledger.api.analytics;

import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings the ClickHouse schema ({@link ClickHouseSchema}) up to date once the service is ready,
 * on a thread of its own: ClickHouse being down never stops the service (the wallet does not need
 * it), the attempt is repeated with back-off from {@link #RETRY_FIRST} to {@link #RETRY_MAX}, and
 * the log says each time. Without a URL it says once that analytics is off.
 */
@Component
class AnalyticsSchemaStartup implements DisposableBean {

    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(AnalyticsSchemaStartup.class);

    private final ClickHouseSettings settings;
    private volatile Thread worker;
    private volatile boolean ready;

    AnalyticsSchemaStartup(ClickHouseSettings settings) {
        this.settings = settings;
    }

    /** Whether the schema is up to date on the configured ClickHouse. */
    boolean ready() {
        return ready;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.on()) {
            log.info("analytics is off: no ClickHouse is configured (chipledger.clickhouse.url, environment CHIPLEDGER_CLICKHOUSE_URL)");
            return;
        }
        Thread thread = new Thread(this::applyUntilDone, "analytics-schema");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void applyUntilDone() {
        Duration wait = RETRY_FIRST;
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection connection = settings.connect()) {
                List<Integer> applied = ClickHouseSchema.apply(connection);
                ready = true;
                log.info("analytics schema at version {} on ClickHouse ({} applied now)", ClickHouseSchema.latest(), applied);
                return;
            } catch (SQLException unreachable) {
                log.warn("ClickHouse schema not applied ({}); trying again in {} s", unreachable.getMessage(), wait.toSeconds());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException stopping) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
        }
    }

    @Override
    public void destroy() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
