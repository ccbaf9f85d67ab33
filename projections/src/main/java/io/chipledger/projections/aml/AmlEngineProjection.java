package io.chipledger.projections.aml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.aml.AmlPlayerProfiles.PlayerKey;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The AML engine (issue 15): a streaming (pooled) processor ({@value #GROUP}) over the money events that
 * scores every deposit, withdrawal, bet and win of a currency ({@link AmlEngine}), keeps each
 * player's state and profile ({@link AmlPlayerProfiles}), and puts the alerts it decides on in an
 * outbox ({@code aml_alert_outbox}) in the same transaction as its token, from which they are
 * raised as commands. The wallet never waits for it: it reads the store behind the commands.
 *
 * <p>Time is the event's time, so a replay (a rebuild) decides the same; it finds the alerts
 * already raised under the same ids, and raises none again. The operator's reported country of a
 * player ({@code meta.country} of an activity) and of their login ({@code meta.login_country}) feed
 * the high-risk country rule; values that are not ISO 3166-1 alpha-2 codes are not countries and
 * are left out.
 *
 * <p>One batch reads its players' revisions with one query (their rows locked for the batch),
 * reads movements only for players not kept in memory under that revision, decides in memory,
 * appends each movement and writes each changed player once ({@link BatchedWrites}, so an event
 * whose write PostgreSQL refuses is parked and the others go on).
 */
@Component
@ProcessingGroup(AmlEngineProjection.GROUP)
public class AmlEngineProjection {

    public static final String GROUP = "aml-engine";
    /** Puts a decided alert in the outbox, once; its parameters are {@link #outboxRow}'s. */
    public static final String ENQUEUE = "INSERT INTO aml_alert_outbox (alert_id, command) VALUES (?, ?::jsonb) ON CONFLICT (alert_id) DO NOTHING";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = AmlEngineProjection.class.getName() + ".batch";
    /** Movements past the kept history deleted per batch at most, so no batch waits on a long delete. */
    static final int FORGET_PER_BATCH_MAX = 10_000;
    /** A batch this large means the engine is behind (a live engine's batches are what arrived in half a second). */
    static final int CATCH_UP_BATCH_MIN = 1_000;
    /** The longest rest after one batch, whatever the batch took. */
    static final java.time.Duration REST_MAX = java.time.Duration.ofSeconds(5);
    /** How far event time moves between two deletes of old movements: a live engine's batches are small, and most would find none. */
    static final java.time.Duration FORGET_EVERY = java.time.Duration.ofMinutes(1);
    /** The states the event being handled replaced, to put back if it fails. */
    private static final ThreadLocal<Map<PlayerKey, AmlPlayerState>> BEFORE_EVENT = new ThreadLocal<>();

    private final AmlSettings settings;
    private final JdbcTemplate jdbc;
    private final AmlPlayerProfiles profiles;
    /** The newest event time old movements were last forgotten at (see {@link #forgetOldMovements}). */
    private volatile Instant forgottenAt = Instant.EPOCH;
    private final BatchedWrites writes;

    public AmlEngineProjection(AmlSettings settings, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.profiles = new AmlPlayerProfiles(jdbc);
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    /**
     * Runs one event's handler and batches its rows. A handler that fails (or whose rows are refused)
     * leaves its player's state in the batch as it was before the event, so the events behind it are
     * decided without it, as the stored state will be.
     */
    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        Map<PlayerKey, AmlPlayerState> before = new HashMap<>();
        BEFORE_EVENT.set(before);
        try {
            return writes.handle(chain);
        } catch (Exception | Error failed) {
            batch().current.putAll(before);
            throw failed;
        } finally {
            BEFORE_EVENT.remove();
        }
    }

    /** Every money event; those that are not a movement the engine scores ({@link AmlEvents#movement}) change nothing. */
    @EventHandler
    void on(MoneyMovedEvent event, @Timestamp Instant at) {
        decide(AmlEvents.movement(event, at));
    }

    @EventHandler
    void on(PlayerActivityRecordedEvent event) {
        AmlEvents.countries(event).ifPresent(reported -> keep(reported.player(),
                AmlEngine.reported(state(reported.player()), reported.at(), reported.country(), reported.loginCountry())));
    }

    @ResetHandler
    void reset() {
        // The outbox stays: an alert decided but not yet raised is decided again by the replay, under the same id.
        profiles.truncate();
    }

    /** One player's state and profile, as of the engine's last batch. */
    public Optional<AmlPlayerState> profile(String partnerId, String playerId) {
        return profiles.find(partnerId, playerId);
    }

    private void decide(Optional<AmlEvents.PlayerMovement> seen) {
        if (seen.isEmpty() || !settings.currencies().contains(seen.get().movement().currency())) {
            return;
        }
        PlayerKey player = seen.get().player();
        AmlEngine.Decision decision = AmlEngine.decide(state(player), seen.get().movement(), settings.thresholds());
        if (decision.counted()) {
            return; // handed over again: counted once
        }
        decision.alert().ifPresent(this::enqueue);
        keep(player, decision.next());
        AmlMovement movement = seen.get().movement();
        writes.rows(AmlPlayerProfiles.APPEND).put(List.of(player, movement.transactionId(), movement.kind()),
                AmlPlayerProfiles.movementRow(player, movement));
        batch().newest = AmlPlayerState.later(batch().newest, movement.at());
    }

    /**
     * Deletes movements older than any rule looks at, once per {@link #FORGET_EVERY} of event time,
     * and at every batch while a delete still finds its limit's worth.
     */
    private void forgetOldMovements(Instant newest) {
        if (newest != null && !newest.isBefore(forgottenAt.plus(FORGET_EVERY))
                && profiles.forgetBefore(newest, FORGET_PER_BATCH_MAX) < FORGET_PER_BATCH_MAX) {
            forgottenAt = newest;
        }
    }

    /**
     * After a batch of a backlog, rests so that the engine works at most
     * {@link AmlSettings#catchUpBusyPercent} of the time: on a small machine the wallet's commands
     * keep their cores while the engine catches up (docs/performance.md, AML engine).
     */
    private void rest(long busyNanos) {
        long restNanos = busyNanos * (100 - settings.catchUpBusyPercent()) / settings.catchUpBusyPercent();
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(restNanos, REST_MAX.toNanos()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the processor is stopping: it goes on without the rest
        }
    }

    private void enqueue(AmlAlertCommands.Raise alert) {
        writes.rows(ENQUEUE).put(alert.alertId(), outboxRow(alert));
    }

    /** The parameters of {@link #ENQUEUE} for an alert. */
    public static Object[] outboxRow(AmlAlertCommands.Raise alert) {
        try {
            return new Object[] {alert.alertId(), JSON.writeValueAsString(alert)};
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an alert command of records did not serialise", impossible);
        }
    }

    private void keep(PlayerKey player, AmlPlayerState next) {
        Batch batch = batch();
        AmlPlayerState replaced = batch.current.put(player, next);
        Map<PlayerKey, AmlPlayerState> before = BEFORE_EVENT.get();
        if (before != null && replaced != null) {
            before.putIfAbsent(player, replaced);
        }
        writes.rows(AmlPlayerProfiles.UPSERT).put(player, AmlPlayerProfiles.row(next, batch.revision(player)));
    }

    private AmlPlayerState state(PlayerKey player) {
        Batch batch = batch();
        AmlPlayerState known = batch.current.get(player);
        if (known == null) {
            batch.load(List.of(player));
            known = batch.current.get(player);
        }
        return known;
    }

    /**
     * The players of one processor batch: their states as loaded (with the revision of their rows,
     * locked for the batch) and as decided so far. Loaded with one query when the batch's first event
     * is handled: the batch's events are known then, so every player they name is read at once.
     */
    private final class Batch {

        final Map<PlayerKey, AmlPlayerProfiles.Kept> loaded = new HashMap<>();
        final Map<PlayerKey, AmlPlayerState> current = new HashMap<>();
        Instant newest;

        void load(Collection<PlayerKey> players) {
            Map<PlayerKey, AmlPlayerProfiles.Kept> stored = profiles.load(players);
            for (PlayerKey player : players) {
                AmlPlayerProfiles.Kept kept = stored.getOrDefault(player,
                        new AmlPlayerProfiles.Kept(0, AmlPlayerState.unseen(player.partnerId(), player.playerId())));
                loaded.put(player, kept);
                current.put(player, kept.state());
            }
        }

        long revision(PlayerKey player) {
            return loaded.get(player).revision() + 1;
        }
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            Set<PlayerKey> players = new LinkedHashSet<>();
            List<? extends EventMessage<?>> messages = root instanceof BatchingUnitOfWork<?> batching
                    ? batching.getMessages().stream().map(message -> (EventMessage<?>) message).toList()
                    : List.of((EventMessage<?>) root.getMessage());
            for (EventMessage<?> message : messages) {
                AmlEvents.movement(message.getPayload(), message.getTimestamp()).ifPresent(seen -> players.add(seen.player()));
                if (message.getPayload() instanceof PlayerActivityRecordedEvent activity) {
                    AmlEvents.countries(activity).ifPresent(reported -> players.add(reported.player()));
                }
            }
            // The engine's writes and its token commit together and are rebuilt from the store, so a crash may lose its
            // last transactions (they are handled again) but never leave one half done: its commits need not wait for
            // the disk, and do not queue behind the wallet's for it (docs/performance.md, AML engine).
            jdbc.execute("SET LOCAL synchronous_commit = off");
            batch.load(players);
            root.onPrepareCommit(committing -> forgetOldMovements(batch.newest));
            // Only a processor batch keeps its states for the next one; a parked event retried by hand
            // (another thread) makes the next batch read its players again.
            boolean processorBatch = root instanceof BatchingUnitOfWork<?>;
            root.afterCommit(committed -> profiles.committed(batch.current.keySet().stream()
                    .collect(Collectors.toMap(player -> player, player -> new AmlPlayerProfiles.Kept(batch.revision(player),
                            batch.current.get(player)))), processorBatch));
            if (processorBatch && messages.size() >= CATCH_UP_BATCH_MIN) {
                long startedAt = System.nanoTime();
                root.afterCommit(committed -> rest(System.nanoTime() - startedAt));
            }
            return batch;
        });
    }
}
