package io.chipledger.api.fate;

import io.chipledger.core.wallet.FateChanges;
import io.chipledger.core.wallet.FateChanges.Change;
import io.chipledger.projections.fate.WalletFateProjection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds {@code wallet_fate} from the events when it is not complete: after the migration that
 * created it on a store that already held events, or when an operator asked for it
 * (docs/operations.md). It runs as the service starts, before the web server and the command
 * lanes, because the wallet decides from this table; it reads the store in order, writes each
 * batch's closures ({@link FateChanges}, the same function the live writer uses) with the
 * position reached in one transaction, and logs its progress. Stopped at any point, it goes on
 * from the last position it committed; run again over rows already there, it changes nothing
 * (a closure's first record stays).
 */
@Component
class FateRebuild implements SmartLifecycle {

    /** Events per transaction: progress is committed, and logged, this often. */
    static final int EVENTS_PER_BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(FateRebuild.class);

    private final EventStorageEngine events;
    private final WalletFateProjection fates;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private volatile boolean running;

    FateRebuild(EventStorageEngine events, WalletFateProjection fates, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.events = events;
        this.fates = fates;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Where the rebuild stands: the last position applied, and whether the table is complete. */
    record Progress(long rebuiltThrough, boolean complete) {
    }

    Progress progress() {
        return jdbc.queryForObject("SELECT rebuilt_through, complete FROM wallet_fate_rebuild WHERE id = 1",
                (row, i) -> new Progress(row.getLong(1), row.getBoolean(2)));
    }

    /** Rebuilds what is missing; a no-op when the table is complete. */
    void rebuildIfIncomplete() {
        Progress progress = progress();
        if (progress.complete()) {
            return;
        }
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        log.info("rebuilding wallet_fate from the events: from position {} to {}", progress.rebuiltThrough() + 1, head);
        long through = progress.rebuiltThrough();
        long applied = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(
                through < 0 ? null : GapAwareTrackingToken.newInstance(through, List.of()), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                List<Change> changes = new ArrayList<>();
                long last = through;
                for (int read = 0; read < EVENTS_PER_BATCH && iterator.hasNext(); read++) {
                    TrackedEventMessage<?> event = iterator.next();
                    changes.addAll(FateChanges.of(event.getPayload()));
                    last = event.trackingToken().position().orElseThrow();
                }
                long position = last;
                transaction.executeWithoutResult(status -> {
                    fates.write(changes);
                    jdbc.update("UPDATE wallet_fate_rebuild SET rebuilt_through = ?, updated_at = now() WHERE id = 1", position);
                });
                applied += changes.size();
                through = position;
                log.info("wallet_fate rebuild: position {} of {}, {} closures written", through, head, applied);
            }
        }
        jdbc.update("UPDATE wallet_fate_rebuild SET complete = true, updated_at = now() WHERE id = 1");
        log.info("wallet_fate rebuilt: {} closures through position {}", applied, through);
    }

    @Override
    public void start() {
        rebuildIfIncomplete();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (DEFAULT_PHASE - 1024) and the command lanes: nothing is decided on a table being rebuilt. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 2048;
    }
}
