package io.chipledger.api.report;

import io.chipledger.api.analytics.ClickHouseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one report's queries on ClickHouse, on a connection of its own, and says plainly when it
 * cannot: analytics off, or ClickHouse away ({@link AnalyticsUnavailableException}).
 */
@Component
public class AnalyticsReads {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsReads.class);

    /** A report's queries. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection clickHouse) throws SQLException;
    }

    private final ClickHouseSettings settings;

    AnalyticsReads(ClickHouseSettings settings) {
        this.settings = settings;
    }

    /** 503 {@code analytics-off} when this service has no ClickHouse: nothing is kept to report from. */
    public void requireOn() {
        if (!settings.on()) {
            throw new AnalyticsUnavailableException(true, "analytics is off: this service has no ClickHouse configured "
                    + "(CHIPLEDGER_CLICKHOUSE_URL), so it keeps no reports or figures to settle");
        }
    }

    public <T> T read(Query<T> query) {
        requireOn();
        try (Connection clickHouse = settings.connect()) {
            return query.run(clickHouse);
        } catch (SQLException failed) {
            log.warn("a report could not be read from ClickHouse: {}", failed.getMessage());
            throw new AnalyticsUnavailableException(false, "ClickHouse, where reports are kept, did not answer; try again shortly");
        }
    }
}
