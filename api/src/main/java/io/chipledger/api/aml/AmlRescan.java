package io.chipledger.api.aml;

import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.projections.aml.AmlAlertProjection;
import io.chipledger.projections.aml.AmlEngine;
import io.chipledger.projections.aml.AmlEngineProjection;
import io.chipledger.projections.aml.AmlEvents;
import io.chipledger.projections.aml.AmlPlayerProfiles.PlayerKey;
import io.chipledger.projections.aml.AmlPlayerState;
import io.chipledger.projections.aml.AmlSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine run again over a period with the current thresholds (issue 15): a backtest. It reads
 * the store from 31 days before the period (the history the rules look back over) to its end,
 * decides every movement in memory exactly as the engine does ({@link AmlEngine}), and reports the
 * alerts the period's movements would raise, which of them are raised already, and, only when
 * asked, puts the others in the engine's outbox to be raised. Nothing else changes, so a rescan can
 * be repeated at will; an alert is never raised twice (its id is its transaction's and type's).
 */
@Component
class AmlRescan {

    /** The longest period one rescan covers. */
    static final Duration PERIOD_MAX = Duration.ofDays(31);
    /** The most events one rescan reads (the period and the history before it). */
    static final long EVENTS_MAX = 2_000_000;
    /** The alerts the answer lists one by one; the counts cover them all. */
    static final int ALERTS_LISTED_MAX = 500;
    private static final long PROGRESS_EVERY = 250_000;
    private static final Logger log = LoggerFactory.getLogger(AmlRescan.class);

    /** An alert the period would raise; {@code raisedAlready} when the ledger holds it. */
    record WouldRaise(AmlAlertCommands.Raise alert, Instant at, boolean raisedAlready) {
    }

    /**
     * What a rescan found.
     *
     * @param eventsRead     events read, history included
     * @param scored         movements of the period scored
     * @param wouldRaise     every alert of the period, the first {@link #ALERTS_LISTED_MAX} of them
     * @param alerts         how many alerts in all
     * @param raisedAlready  of them, how many the ledger holds
     * @param enqueued       of the others, how many were put in the outbox to be raised (0 unless asked)
     */
    record Outcome(long eventsRead, long scored, List<WouldRaise> wouldRaise, long alerts, long raisedAlready, long enqueued,
                   Map<String, Long> bySeverity, Map<String, Long> byType) {
    }

    private final EventStore events;
    private final AmlSettings settings;
    private final AmlAlertProjection raised;
    private final JdbcTemplate jdbc;

    AmlRescan(EventStore events, AmlSettings settings, AmlAlertProjection raised, JdbcTemplate jdbc) {
        this.events = events;
        this.settings = settings;
        this.raised = raised;
        this.jdbc = jdbc;
    }

    /** Rescans {@code [from, to)} for one partner ({@code partnerId}) or all (null). */
    Outcome rescan(String partnerId, Instant from, Instant to, boolean raise) {
        Instant historyFrom = from.minus(AmlPlayerState.HISTORY_KEPT);
        long first = position(events.createTokenAt(historyFrom));
        long last = position(events.createTokenAt(to));
        if (last - first > EVENTS_MAX) {
            throw new RescanTooLargeException(last - first, EVENTS_MAX);
        }
        Map<PlayerKey, AmlPlayerState> states = new HashMap<>();
        List<WouldRaise> listed = new ArrayList<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        long read = 0;
        long scored = 0;
        long alerts = 0;
        long raisedAlready = 0;
        long enqueued = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(events.createTokenAt(historyFrom))) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (!message.getTimestamp().isBefore(to)) {
                    break;
                }
                if (++read % PROGRESS_EVERY == 0) {
                    log.info("AML rescan of {} to {}: {} of about {} events read", from, to, read, last - first);
                }
                Object payload = message.getPayload();
                if (payload instanceof PlayerActivityRecordedEvent activity) {
                    AmlEvents.countries(activity).filter(reported -> partnerId == null || reported.player().partnerId().equals(partnerId))
                            .ifPresent(reported -> states.put(reported.player(), AmlEngine.reported(state(states, reported.player()),
                                    reported.at(), reported.country(), reported.loginCountry())));
                    continue;
                }
                Optional<AmlEvents.PlayerMovement> seen = AmlEvents.movement(payload, message.getTimestamp());
                if (seen.isEmpty() || !settings.currencies().contains(seen.get().movement().currency())
                        || (partnerId != null && !seen.get().player().partnerId().equals(partnerId))) {
                    continue;
                }
                AmlEngine.Decision decision = AmlEngine.decide(state(states, seen.get().player()), seen.get().movement(),
                        settings.thresholds());
                states.put(seen.get().player(), decision.next());
                boolean inPeriod = !message.getTimestamp().isBefore(from);
                if (!inPeriod) {
                    continue;
                }
                scored++;
                if (decision.alert().isPresent()) {
                    AmlAlertCommands.Raise alert = decision.alert().get();
                    boolean already = raised.alert(alert.alertId()).isPresent();
                    alerts++;
                    raisedAlready += already ? 1 : 0;
                    bySeverity.merge(alert.severity().name(), 1L, Long::sum);
                    byType.merge(alert.type(), 1L, Long::sum);
                    if (listed.size() < ALERTS_LISTED_MAX) {
                        listed.add(new WouldRaise(alert, message.getTimestamp(), already));
                    }
                    if (raise && !already) {
                        enqueued += enqueue(alert);
                    }
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the AML rescan was interrupted; it changed nothing but the alerts it enqueued", interrupted);
        }
        log.info("AML rescan of {} to {} (partner {}): {} events read, {} movements scored, {} alerts, {} raised already, {} enqueued",
                from, to, partnerId == null ? "all" : partnerId, read, scored, alerts, raisedAlready, enqueued);
        return new Outcome(read, scored, listed, alerts, raisedAlready, enqueued, bySeverity, byType);
    }

    private int enqueue(AmlAlertCommands.Raise alert) {
        return jdbc.update(AmlEngineProjection.ENQUEUE, AmlEngineProjection.outboxRow(alert));
    }

    private static AmlPlayerState state(Map<PlayerKey, AmlPlayerState> states, PlayerKey player) {
        return states.computeIfAbsent(player, key -> AmlPlayerState.unseen(key.partnerId(), key.playerId()));
    }

    private static long position(TrackingToken token) {
        return token instanceof GlobalSequenceTrackingToken global ? global.getGlobalIndex() : token == null ? -1 : token.position().orElse(-1);
    }
}
