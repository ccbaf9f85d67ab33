package io.chipledger.api.analytics;

import io.chipledger.analytics.clickhouse.AnalyticsMappings;
import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.analytics.clickhouse.SinkRow;
import io.chipledger.analytics.clickhouse.SinkRows;
import io.chipledger.api.projection.ProcessorBatch;
import io.chipledger.api.projection.TrackingGroups;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ClickHouse sink (issue 14): a tracking processor ({@value #GROUP}) that writes the rows of
 * every event analytics keeps ({@link AnalyticsMappings}: postings, transactions, plays,
 * activity, campaign deliveries, coupon redemptions) to ClickHouse, one batch insert per table
 * per processor batch, just before the batch's token is stored. Delivery is at least once: a batch ClickHouse cannot take fails, its
 * token does not move, and Axon retries it with back-off (up to a minute apart) while the wallet
 * goes on; a batch sent again (a retry, a token reset) is deduplicated by the tables on the event
 * id.
 *
 * <p>An event whose rows a column could not take (a time outside ClickHouse's range, an
 * oversized text) is refused by its mapping in the handler, so the group's dead-letter queue parks
 * that event (and its wallet's later ones, in order) and the sink goes on with everyone else;
 * ClickHouse itself is then only ever retried for being away, never for one bad event.
 *
 * <p>An event's global position is its own row's {@code global_index}, read from the store by
 * event id for the whole batch, never the tracking token's. Only when analytics is configured
 * ({@link ClickHouseSettings}).
 */
@Component
@ProcessingGroup(ClickHouseSink.GROUP)
@ConditionalOnExpression("!'${chipledger.clickhouse.url:}'.isBlank()")
class ClickHouseSink {

    static final String GROUP = TrackingGroups.ANALYTICS_SINK;
    private static final String BATCH_RESOURCE = ClickHouseSink.class.getName() + ".batch";

    private final ClickHouseSettings settings;
    private final JdbcTemplate store;
    private Connection clickHouse;

    ClickHouseSink(ClickHouseSettings settings, JdbcTemplate store) {
        this.settings = settings;
        this.store = store;
    }

    @EventHandler
    void on(Object event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        List<SinkRow> rows = AnalyticsMappings.rows(event, eventId, at);
        if (!rows.isEmpty()) {
            ProcessorBatch.pending(BATCH_RESOURCE, ArrayList<SinkRow>::new, this::write).addAll(rows);
        }
    }

    private synchronized void write(List<SinkRow> rows) {
        Map<String, Long> positions = positions(rows);
        try {
            SinkRows.insert(connection(), rows, positions);
        } catch (SQLException failed) {
            forgetConnection();
            throw new IllegalStateException("ClickHouse did not take " + rows.size() + " rows: " + failed.getMessage(), failed);
        }
    }

    private Map<String, Long> positions(List<SinkRow> rows) {
        Map<String, Long> positions = new HashMap<>();
        store.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY (?)",
                row -> {
                    positions.put(row.getString(1), row.getLong(2));
                },
                (Object) rows.stream().map(SinkRow::eventId).distinct().toArray(String[]::new));
        return positions;
    }
    /** One connection, opened (and the schema brought up to date) when first needed or after a failure. */
    private Connection connection() throws SQLException {
        if (clickHouse == null) {
            Connection opened = settings.connect();
            ClickHouseSchema.apply(opened);
            clickHouse = opened;
        }
        return clickHouse;
    }

    private void forgetConnection() {
        if (clickHouse != null) {
            try {
                clickHouse.close();
            } catch (SQLException ignored) {
                // Already broken: a new one is opened for the retry.
            }
            clickHouse = null;
        }
    }
}
