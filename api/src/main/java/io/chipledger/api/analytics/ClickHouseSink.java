package io.chipledger.api.analytics;

import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.analytics.clickhouse.PostingRow;
import io.chipledger.core.wallet.MoneyMovedEvent;
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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ClickHouse sink (issue 14): a tracking processor ({@value #GROUP}) that writes every money
 * event's postings to ClickHouse ({@link PostingRow}), one batch insert per processor batch, just
 * before the batch's token is stored. Delivery is at least once: a batch ClickHouse refuses or
 * cannot take fails, its token does not move, and Axon retries it with back-off (up to a minute
 * apart) while the wallet goes on; a batch sent again (a retry, a token reset) is deduplicated by
 * the table on the event id. Only when analytics is configured ({@link ClickHouseSettings}).
 *
 * <p>An event's global position is its own row's {@code global_index}, read from the store by
 * event id for the whole batch, never the tracking token's.
 */
@Component
@ProcessingGroup(ClickHouseSink.GROUP)
@ConditionalOnExpression("!'${chipledger.clickhouse.url:}'.isBlank()")
class ClickHouseSink {

    static final String GROUP = "clickhouse-sink";
    private static final String BATCH_RESOURCE = ClickHouseSink.class.getName() + ".batch";

    private record Pending(MoneyMovedEvent event, String eventId, Instant at) {
    }

    private final ClickHouseSettings settings;
    private final JdbcTemplate store;
    private Connection clickHouse;

    ClickHouseSink(ClickHouseSettings settings, JdbcTemplate store) {
        this.settings = settings;
        this.store = store;
    }

    @EventHandler
    void on(MoneyMovedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        batch().add(new Pending(event, eventId, at));
    }

    /** The events of the processor's batch, written once, as the batch commits. */
    private List<Pending> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            List<Pending> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> write(pending));
            return pending;
        });
    }

    private synchronized void write(List<Pending> pending) {
        Map<String, Long> positions = positions(pending);
        List<PostingRow> rows = new ArrayList<>();
        for (Pending event : pending) {
            Long position = positions.get(event.eventId());
            if (position == null) {
                throw new IllegalStateException("event " + event.eventId() + " is not in the store");
            }
            rows.addAll(PostingRow.of(event.event(), event.eventId(), position, event.at()));
        }
        try {
            PostingRow.insert(connection(), rows);
        } catch (SQLException failed) {
            forgetConnection();
            throw new IllegalStateException("ClickHouse did not take " + rows.size() + " postings: " + failed.getMessage(), failed);
        }
    }

    private Map<String, Long> positions(List<Pending> pending) {
        Map<String, Long> positions = new HashMap<>();
        store.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY (?)",
                row -> {
                    positions.put(row.getString(1), row.getLong(2));
                },
                (Object) pending.stream().map(Pending::eventId).toArray(String[]::new));
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
