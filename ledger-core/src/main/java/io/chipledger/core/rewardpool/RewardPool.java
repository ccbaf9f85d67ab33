package io.chipledger.core.rewardpool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.wallet.AssetAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * A partner's random reward pool (issue 20): weighted items, some with a limited stock, opened by
 * players (for a stake, when the pool has one) through draws that are events. One aggregate per
 * pool, its id naming the partner ({@link #idOf}), so a command for another partner's pool finds no
 * pool at all. A draw is decided here, on the pool's own state, so an item's stock never goes
 * below zero whatever the concurrency: two draws of the last item are two appends at the same
 * sequence of this aggregate, and the store lets one in.
 */
@JsonTypeName("rewardpool.RewardPool")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RewardPool {

    /** The ids pools have: {@code pool_} and 16 hex digits, minted by the API. */
    public static final Pattern POOL_ID = Pattern.compile("pool_[0-9a-f]{16}");
    private static final Pattern SEED = Pattern.compile("[0-9a-f]{" + 2 * FairDraw.SEED_BYTES + "}");

    @AggregateIdentifier
    private String poolKey;
    private String partnerId;
    private String poolId;
    /** The items as defined, in the order a draw walks them. */
    private List<RewardPoolItem> items = new ArrayList<>();
    /** What is left of each item with a limited stock; items without a limit are not in it. */
    private Map<String, Long> remaining = new HashMap<>();
    private AssetAmount stake;
    private boolean closed;

    protected RewardPool() {
        // Axon rebuilds a pool from its events.
    }

    /** The pool's aggregate id in the store: {@code reward-pool:<partner>:<pool>}. */
    public static String idOf(String partnerId, String poolId) {
        return "reward-pool:" + partnerId + ":" + poolId;
    }

    @CommandHandler
    RewardPool(CreateRewardPoolCommand command) {
        if (command.poolId() == null || !POOL_ID.matcher(command.poolId()).matches()) {
            throw new IllegalArgumentException("a pool's id matches " + POOL_ID);
        }
        RewardPoolDefinition definition = command.definition().validated();
        apply(new RewardPoolCreatedEvent(command.partnerId(), command.poolId(), definition.name(), definition.items(), definition.stake()));
    }

    /**
     * Picks the item with {@link FairDraw} over the items as they stand and records the seed and
     * those inputs with it, so the draw can be recomputed from the event alone.
     */
    @CommandHandler
    RewardDrawReceipt handle(DrawRewardCommand command) {
        if (command.seedHex() == null || !SEED.matcher(command.seedHex()).matches()) {
            throw new IllegalArgumentException("a draw's seed is " + FairDraw.SEED_BYTES + " bytes as lower-case hex");
        }
        if (closed) {
            throw new RuleViolation(Rule.REWARD_POOL_CLOSED, "reward pool " + poolId + " is closed", Map.of("pool_id", poolId));
        }
        List<FairDraw.Candidate> inputs = items.stream()
                .map(item -> new FairDraw.Candidate(item.itemId(), item.weight(), remaining.get(item.itemId()))).toList();
        if (FairDraw.totalWeight(inputs) == 0) {
            throw new RuleViolation(Rule.REWARD_POOL_EXHAUSTED, "reward pool " + poolId + " has nothing left to draw",
                    Map.of("pool_id", poolId));
        }
        FairDraw.Pick pick = FairDraw.pick(HexFormat.of().parseHex(command.seedHex()), inputs);
        RewardPoolItem item = items.get(pick.index());
        AssetAmount paid = command.chargeStake() ? stake : null;
        apply(new RewardDrawnEvent(partnerId, poolId, command.transactionId(), command.partnerTransactionId(), command.playerId(),
                command.seedHex(), inputs, item.itemId(), pick.roll(), pick.totalWeight(), item.reward(), paid));
        return new RewardDrawReceipt(poolKey, AggregateLifecycle.getVersion(), poolId, command.transactionId(), command.playerId(),
                item.itemId(), item.reward(), paid, command.seedHex(), pick.roll(), pick.totalWeight(), null);
    }

    /** A closed pool refuses to close again, as a disabled coupon or a cancelled campaign does: no 2xx for a change not made. */
    @CommandHandler
    void handle(CloseRewardPoolCommand command) {
        if (closed) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "reward pool " + poolId + " is closed already", Map.of("pool_id", poolId));
        }
        apply(new RewardPoolClosedEvent(partnerId, poolId));
    }

    @EventSourcingHandler
    void on(RewardPoolCreatedEvent event) {
        poolKey = idOf(event.partnerId(), event.poolId());
        partnerId = event.partnerId();
        poolId = event.poolId();
        items = List.copyOf(event.items());
        event.items().stream().filter(item -> item.stock() != null).forEach(item -> remaining.put(item.itemId(), item.stock()));
        stake = event.stake();
    }

    @EventSourcingHandler
    void on(RewardDrawnEvent event) {
        Long left = remaining.get(event.itemId());
        if (left != null && left <= 0) {
            throw new IllegalStateException("item " + event.itemId() + " of pool " + poolId + " was drawn with no stock left");
        }
        if (left != null) {
            remaining.put(event.itemId(), left - 1);
        }
    }

    @EventSourcingHandler
    void on(RewardPoolClosedEvent event) {
        closed = true;
    }
}
