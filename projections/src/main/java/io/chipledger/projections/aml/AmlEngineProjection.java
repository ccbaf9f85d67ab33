package io.chipledger.projections.aml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.FundsWithdrawnEvent;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.aml.AmlPlayerProfiles.PlayerKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The AML engine (issue 15): a tracking processor ({@value #GROUP}) over the money events that
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
 * <p>One batch loads its players with one query, decides in memory, and writes each changed
 * player once ({@link BatchedWrites}, so an event whose write PostgreSQL refuses is parked and the
 * others go on).
 */
@Component
@ProcessingGroup(AmlEngineProjection.GROUP)
public class AmlEngineProjection {

    public static final String GROUP = "aml-engine";
    /** Puts a decided alert in the outbox, once; its parameters are {@link #outboxRow}'s. */
    public static final String ENQUEUE = "INSERT INTO aml_alert_outbox (alert_id, command) VALUES (?, ?::jsonb) ON CONFLICT (alert_id) DO NOTHING";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATES = AmlEngineProjection.class.getName() + ".states";
    /** The states the event being handled replaced, to put back if it fails. */
    private static final ThreadLocal<Map<PlayerKey, AmlPlayerState>> BEFORE_EVENT = new ThreadLocal<>();

    private final AmlSettings settings;
    private final AmlPlayerProfiles profiles;
    private final BatchedWrites writes;

    public AmlEngineProjection(AmlSettings settings, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.settings = settings;
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
            states().putAll(before);
            throw failed;
        } finally {
            BEFORE_EVENT.remove();
        }
    }

    @EventHandler
    void on(FundsDepositedEvent event, @Timestamp Instant at) {
        decide(AmlEvents.movement(event, at));
    }

    @EventHandler
    void on(FundsWithdrawnEvent event, @Timestamp Instant at) {
        decide(AmlEvents.movement(event, at));
    }

    @EventHandler
    void on(WithdrawalApprovedEvent event, @Timestamp Instant at) {
        decide(AmlEvents.movement(event, at));
    }

    @EventHandler
    void on(BetPlacedEvent event, @Timestamp Instant at) {
        decide(AmlEvents.movement(event, at));
    }

    @EventHandler
    void on(WinPaidEvent event, @Timestamp Instant at) {
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
        decision.alert().ifPresent(this::enqueue);
        keep(player, decision.next());
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
        AmlPlayerState replaced = states().put(player, next);
        Map<PlayerKey, AmlPlayerState> before = BEFORE_EVENT.get();
        if (before != null && replaced != null) {
            before.putIfAbsent(player, replaced);
        }
        writes.rows(AmlPlayerProfiles.UPSERT).put(player, AmlPlayerProfiles.row(next));
    }

    private AmlPlayerState state(PlayerKey player) {
        Map<PlayerKey, AmlPlayerState> states = states();
        AmlPlayerState known = states.get(player);
        if (known == null) {
            known = profiles.load(List.of(player)).getOrDefault(player, AmlPlayerState.unseen(player.partnerId(), player.playerId()));
            states.put(player, known);
        }
        return known;
    }

    /**
     * The states of the batch's players, loaded with one query when the batch's first event is
     * handled: the batch's events are known then, so every player they name is read at once.
     */
    private Map<PlayerKey, AmlPlayerState> states() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(STATES, key -> {
            Set<PlayerKey> players = new LinkedHashSet<>();
            List<? extends EventMessage<?>> messages = root instanceof BatchingUnitOfWork<?> batch
                    ? batch.getMessages().stream().map(message -> (EventMessage<?>) message).toList()
                    : List.of((EventMessage<?>) root.getMessage());
            for (EventMessage<?> message : messages) {
                Object payload = message.getPayload();
                if (payload instanceof io.chipledger.core.wallet.WalletEvent walletEvent) {
                    players.add(new PlayerKey(walletEvent.walletId().partnerId(), walletEvent.walletId().playerId()));
                } else if (payload instanceof PlayerActivityRecordedEvent activity) {
                    players.add(new PlayerKey(activity.profileId().partnerId(), activity.profileId().playerId()));
                }
            }
            Map<PlayerKey, AmlPlayerState> loaded = profiles.load(players);
            Map<PlayerKey, AmlPlayerState> states = new HashMap<>();
            players.forEach(player -> states.put(player, loaded.getOrDefault(player,
                    AmlPlayerState.unseen(player.partnerId(), player.playerId()))));
            return states;
        });
    }
}
