package io.chipledger.projections.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.segment.SegmentRuleEvents;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.FundsWithdrawnEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.WalletEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletOpenedEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.aml.AmlEvents;
import io.chipledger.projections.segment.PlayerSegmentStore.Change;
import io.chipledger.projections.segment.PlayerSegmentStore.Kept;
import io.chipledger.projections.segment.SegmentEvaluator.Decision;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Player segmentation (issue 17): a tracking processor ({@value #GROUP}) that keeps each player's
 * facts ({@link PlayerFacts}) from the money and activity events, and their segment, decided by
 * the partner's rules and the built-in defaults ({@link SegmentEvaluator}) at the time of the event
 * that changed them. A rule's change and a requested pass ({@code daily} or on demand) segment
 * every player of the partner again as of that event. Every change of a player's segment is kept
 * with the event that caused it, the rule that decided and why. Time is the events' time and the
 * rules are the processor's own copy from the events, so a rebuild gives the same segments and
 * the same changes, but where the live processor met two events in another order than the store's
 * (commits are not in position order under load), the changes between them may differ. A player
 * whose segment changes is put in an outbox ({@code segment_change_outbox}, their newest decision)
 * with the processor's token; the service records there the segment in the ledger when it is not
 * the one recorded last ({@code segment.PlayerSegmentChangedEvent}, on Kafka as
 * {@code player.segment.changed}), so after a rebuild the ledger's last segment of each player is
 * the rebuilt one and nothing is recorded twice.
 */
@Component
@ProcessingGroup(PlayerSegmentProjection.GROUP)
public class PlayerSegmentProjection {

    public static final String GROUP = "player-segments";
    private static final String BATCH = PlayerSegmentProjection.class.getName() + ".batch";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlayerSegmentStore store;
    private final SegmentSettings settings;
    private final BatchedWrites writes;
    private final JdbcTemplate jdbc;

    public PlayerSegmentProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions, SegmentSettings settings) {
        this.store = new PlayerSegmentStore(jdbc);
        this.settings = settings;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
        this.jdbc = jdbc;
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        Batch batch = batch();
        batch.beforeEvent.clear();
        try {
            return writes.handle(chain);
        } catch (Exception | Error failed) {
            // The failed event's changes are forgotten: the events behind it are decided as the stored state will be.
            batch.beforeEvent.forEach((player, kept) -> {
                if (kept.isEmpty()) {
                    batch.players.remove(player);
                } else {
                    batch.players.put(player, kept.get());
                }
            });
            batch.evaluators.clear();
            throw failed;
        }
    }

    @EventHandler
    void on(WalletOpenedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        change(event.walletId(), at, message, facts -> { });
    }

    @EventHandler
    void on(FundsDepositedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        change(event.walletId(), at, message, facts -> {
            PlayerFacts.Builder.add(facts.deposited, event.asset(), event.amountMinor());
            facts.lastChargeAt = PlayerFacts.Builder.later(facts.lastChargeAt, micros(at));
            balances(facts, event);
        });
    }

    @EventHandler
    void on(FundsWithdrawnEvent event, @Timestamp Instant at, EventMessage<?> message) {
        moved(event, event.asset(), event.amountMinor(), facts -> facts.withdrawn, at, message);
    }

    @EventHandler
    void on(WithdrawalApprovedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        moved(event, event.asset(), event.amountMinor(), facts -> facts.withdrawn, at, message);
    }

    @EventHandler
    void on(BetPlacedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        moved(event, event.asset(), event.amountMinor(), facts -> facts.staked, at, message);
    }

    @EventHandler
    void on(BetRolledBackEvent event, @Timestamp Instant at, EventMessage<?> message) {
        moved(event, event.asset(), -event.amountMinor(), facts -> facts.staked, at, message);
    }

    /** Every other money event (wins, adjustments, grants, plays, purchases, ...): the balances after it. */
    @EventHandler
    void on(MoneyMovedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        change(event.walletId(), at, message, facts -> balances(facts, event));
    }

    @EventHandler
    void on(PlayerActivityRecordedEvent event, @Timestamp Instant at, EventMessage<?> message) {
        Instant occurred = micros(event.occurredAt());
        change(new WalletId(event.profileId().partnerId(), event.profileId().playerId()), at, message, facts -> {
            facts.lastActiveAt = PlayerFacts.Builder.later(facts.lastActiveAt, occurred);
            switch (event.type()) {
                case LOGIN -> facts.lastLoginAt = PlayerFacts.Builder.later(facts.lastLoginAt, occurred);
                case CHARGE -> facts.lastChargeAt = PlayerFacts.Builder.later(facts.lastChargeAt, occurred);
                case ROULETTE_PLAY -> facts.roulettePlays++;
                case DICE_PLAY -> facts.dicePlays++;
                case LOTTERY_PLAY -> facts.lotteryPlays++;
                case PLAY_DURATION -> facts.playSeconds = Math.addExact(facts.playSeconds, event.value() == null ? 0 : Math.max(event.value(), 0));
                default -> {
                    // Other plays and bonuses count as activity only.
                }
            }
            AmlEvents.countries(event).ifPresent(reported -> {
                if (reported.country() != null) {
                    facts.country = reported.country();
                }
            });
        });
    }

    @EventHandler
    void on(SegmentRuleEvents.Created event, @Timestamp Instant at, EventMessage<?> message) throws JsonProcessingException {
        writes.update("INSERT INTO player_segment_rule (partner_id, rule_id, name, segment, priority, enabled, condition) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (partner_id, rule_id) DO NOTHING", event.partnerId(), event.ruleId(),
                event.name(), event.segment(), event.priority(), event.enabled(), JSON.writeValueAsString(event.condition()));
        segmentAgain(event.partnerId(), at, message, "rules");
    }

    @EventHandler
    void on(SegmentRuleEvents.Updated event, @Timestamp Instant at, EventMessage<?> message) throws JsonProcessingException {
        writes.update("UPDATE player_segment_rule SET name = ?, segment = ?, priority = ?, enabled = ?, condition = ?::jsonb "
                        + "WHERE partner_id = ? AND rule_id = ?", event.name(), event.segment(), event.priority(), event.enabled(),
                JSON.writeValueAsString(event.condition()), event.partnerId(), event.ruleId());
        segmentAgain(event.partnerId(), at, message, "rules");
    }

    @EventHandler
    void on(SegmentRuleEvents.Enabled event, @Timestamp Instant at, EventMessage<?> message) {
        writes.update("UPDATE player_segment_rule SET enabled = true WHERE partner_id = ? AND rule_id = ?", event.partnerId(), event.ruleId());
        segmentAgain(event.partnerId(), at, message, "rules");
    }

    @EventHandler
    void on(SegmentRuleEvents.Disabled event, @Timestamp Instant at, EventMessage<?> message) {
        writes.update("UPDATE player_segment_rule SET enabled = false WHERE partner_id = ? AND rule_id = ?", event.partnerId(), event.ruleId());
        segmentAgain(event.partnerId(), at, message, "rules");
    }

    @EventHandler
    void on(SegmentRuleEvents.Deleted event, @Timestamp Instant at, EventMessage<?> message) {
        writes.update("DELETE FROM player_segment_rule WHERE partner_id = ? AND rule_id = ?", event.partnerId(), event.ruleId());
        segmentAgain(event.partnerId(), at, message, "rules");
    }

    @EventHandler
    void on(SegmentRuleEvents.EvaluationRequested event, @Timestamp Instant at, EventMessage<?> message) {
        segmentAgain(event.partnerId(), at, message, "time");
    }

    @ResetHandler
    void reset() {
        store.truncate();
    }

    /** The player's segment as of the last batch this processor committed. */
    public Optional<Kept> segment(String partnerId, String playerId) {
        return store.find(partnerId, playerId);
    }

    public PlayerSegmentStore store() {
        return store;
    }

    private void change(WalletId wallet, Instant at, EventMessage<?> message, Consumer<PlayerFacts.Builder> change) {
        Batch batch = batch();
        String key = wallet.toString();
        if (!batch.players.containsKey(key)) {
            // Not named when the batch began: an event handled alone (a parked one retried).
            batch.players.put(key, store.find(wallet.partnerId(), wallet.playerId()).orElse(null));
        }
        Kept kept = batch.players.get(key);
        Instant now = micros(at);
        PlayerFacts.Builder facts = (kept == null ? PlayerFacts.registered(now) : kept.facts()).change();
        change.accept(facts);
        decide(batch, wallet.partnerId(), wallet.playerId(), kept, facts.build(), now, message.getIdentifier(), "event");
    }

    /**
     * Decides the player's segment with their facts at {@code now}. A new segment is a change, kept
     * with why; a new deciding rule (the same segment) is kept with its time, without a change.
     */
    private void decide(Batch batch, String partnerId, String playerId, Kept kept, PlayerFacts facts, Instant now, String eventId, String reason) {
        Decision decision = batch.evaluator(partnerId).decide(facts.at(now, settings::scaleOf));
        boolean changed = kept == null || !kept.decision().segment().equals(decision.segment());
        boolean redecided = kept == null || !kept.decision().equals(decision);
        Kept next = new Kept(partnerId, playerId, facts, decision, changed ? now : kept.since(), redecided ? now : kept.decidedAt());
        batch.keep(partnerId + ":" + playerId, next);
        writes.rows(PlayerSegmentStore.UPSERT).put(List.of(partnerId, playerId), PlayerSegmentStore.row(next));
        if (changed) {
            Change change = new Change(partnerId, playerId, eventId, now, kept == null ? null : kept.decision().segment(), decision.segment(),
                    decision.ruleId(), decision.ruleName(), reason);
            writes.rows(PlayerSegmentStore.CHANGE).put(List.of(partnerId, playerId, eventId), PlayerSegmentStore.row(change));
            writes.rows(PlayerSegmentStore.ENQUEUE).put(List.of(partnerId, playerId), PlayerSegmentStore.outboxRow(change));
        }
    }

    /**
     * Every player of the partner again, at the event's time: those of this batch in memory, the
     * others read in chunks and, when their segment changes, written at once in JDBC batches.
     */
    private void segmentAgain(String partnerId, Instant at, EventMessage<?> message, String reason) {
        Batch batch = batch();
        batch.evaluators.remove(partnerId);
        Instant now = micros(at);
        String prefix = partnerId + ":";
        for (Kept kept : new ArrayList<>(batch.players.values())) {
            if (kept != null && kept.partnerId().equals(partnerId)) {
                decide(batch, partnerId, kept.playerId(), kept, kept.facts(), now, message.getIdentifier(), reason);
            }
        }
        SegmentEvaluator evaluator = batch.evaluator(partnerId);
        List<Object[]> decisions = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        store.forEachPlayer(partnerId, kept -> {
            if (batch.players.containsKey(prefix + kept.playerId())) {
                return; // decided above, from the batch's newer facts
            }
            Decision decision = evaluator.decide(kept.facts().at(now, settings::scaleOf));
            if (decision.equals(kept.decision())) {
                return;
            }
            // A new deciding rule is written even when the segment stays: the player's own next event would write it otherwise,
            // and a rebuild, batching events otherwise, would not agree.
            boolean changed = !decision.segment().equals(kept.decision().segment());
            decisions.add(new Object[] {decision.segment(), decision.ruleId(), decision.ruleName(),
                    java.sql.Timestamp.from(changed ? now : kept.since()), java.sql.Timestamp.from(now), partnerId, kept.playerId()});
            if (changed) {
                changes.add(new Change(partnerId, kept.playerId(), message.getIdentifier(), now, kept.decision().segment(),
                        decision.segment(), decision.ruleId(), decision.ruleName(), reason));
            }
            if (decisions.size() >= PlayerSegmentStore.PASS_CHUNK) {
                flush(decisions, changes);
            }
        });
        flush(decisions, changes);
    }

    private void flush(List<Object[]> decisions, List<Change> changes) {
        if (!decisions.isEmpty()) {
            jdbc.batchUpdate(PlayerSegmentStore.DECISION, decisions);
            decisions.clear();
        }
        if (!changes.isEmpty()) {
            jdbc.batchUpdate(PlayerSegmentStore.CHANGE, changes.stream().map(PlayerSegmentStore::row).toList());
            jdbc.batchUpdate(PlayerSegmentStore.ENQUEUE, changes.stream().map(PlayerSegmentStore::outboxRow).toList());
            changes.clear();
        }
    }

    /** A money event that adds {@code minor} of {@code asset} to one of the player's totals (withdrawals, stakes), and its balances. */
    private void moved(MoneyMovedEvent event, String asset, long minor, Function<PlayerFacts.Builder, Map<String, Long>> total,
                       Instant at, EventMessage<?> message) {
        change(event.walletId(), at, message, facts -> {
            PlayerFacts.Builder.add(total.apply(facts), asset, minor);
            balances(facts, event);
        });
    }

    private static void balances(PlayerFacts.Builder facts, MoneyMovedEvent event) {
        event.balancesAfter().forEach((asset, balance) -> facts.balances.put(asset, balance.available()));
    }

    private static Instant micros(Instant at) {
        // PostgreSQL keeps microseconds: a state read back must decide as the one kept in memory did.
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The players and partners' evaluators of one processor batch. Every player the batch's events
     * name is read with one query when its first event is handled (null: not kept yet).
     */
    private final class Batch {
        final Map<String, Kept> players = new HashMap<>();
        final Map<String, SegmentEvaluator> evaluators = new HashMap<>();
        /** What the event being handled replaced (empty: the player was not in the batch), to put back if it fails. */
        final Map<String, Optional<Kept>> beforeEvent = new HashMap<>();

        void keep(String player, Kept next) {
            Kept replaced = players.put(player, next);
            beforeEvent.putIfAbsent(player, Optional.ofNullable(replaced));
        }

        SegmentEvaluator evaluator(String partnerId) {
            return evaluators.computeIfAbsent(partnerId, partner -> new SegmentEvaluator(store.rules(partner), settings.vipDepositTotals()));
        }
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            List<? extends Message<?>> messages = root instanceof BatchingUnitOfWork<?> batching ? batching.getMessages()
                    : List.of(root.getMessage());
            Set<WalletId> named = new LinkedHashSet<>();
            for (Message<?> message : messages) {
                if (message.getPayload() instanceof WalletEvent event) {
                    named.add(event.walletId());
                } else if (message.getPayload() instanceof PlayerActivityRecordedEvent activity) {
                    named.add(new WalletId(activity.profileId().partnerId(), activity.profileId().playerId()));
                }
            }
            Map<String, Kept> kept = store.findAll(named);
            named.forEach(player -> batch.players.put(player.toString(), kept.get(player.toString())));
            return batch;
        });
    }
}
