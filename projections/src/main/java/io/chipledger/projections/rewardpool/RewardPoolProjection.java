package io.chipledger.projections.rewardpool;

import io.chipledger.core.rewardpool.RewardDrawnEvent;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.rewardpool.RewardPoolClosedEvent;
import io.chipledger.core.rewardpool.RewardPoolCreatedEvent;
import io.chipledger.core.rewardpool.RewardPoolItem;
import io.chipledger.core.wallet.AssetAmount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reward pools as they stand (tables {@code reward_pool}, {@code reward_pool_item},
 * {@code reward_draw}; V27), written in each pool command's transaction (a subscribing group), so
 * the admin who made a pool reads it at once and the published odds count every draw committed.
 * A draw is a row keyed by its event's identity (the pool and the event's sequence); an item's
 * count goes up only when that row is new, so handling an event twice (a replay after a
 * {@link #reset}) counts it once.
 */
@Component
@ProcessingGroup(RewardPoolProjection.GROUP)
public class RewardPoolProjection {

    public static final String GROUP = "reward-pools";
    /** Pools one listing answers, newest first: a partner's catalogue, not its history. */
    public static final int POOLS_LISTED_MAX = 500;

    private final JdbcTemplate jdbc;

    public RewardPoolProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One item as it stands: {@code stock} null for no limit; {@code drawn} how many times it was drawn. */
    public record ItemView(String itemId, long weight, AssetAmount reward, Long stock, long drawn) {

        /** What is left of a limited item (null: no limit). */
        public Long remaining() {
            return stock == null ? null : stock - drawn;
        }
    }

    /** One pool as it stands, its items in the pool's order ({@code items} empty in a listing). */
    public record PoolView(String partnerId, String poolId, String name, AssetAmount stake, String status, long draws, Instant createdAt,
                           String createdBy, Instant closedAt, String closedBy, List<ItemView> items) {

        PoolView withItems(List<ItemView> poolItems) {
            return new PoolView(partnerId, poolId, name, stake, status, draws, createdAt, createdBy, closedAt, closedBy, poolItems);
        }
    }

    @EventHandler
    void on(RewardPoolCreatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        AssetAmount stake = event.stake();
        int inserted = jdbc.update("INSERT INTO reward_pool (partner_id, pool_id, name, stake_asset, stake_minor, status, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT DO NOTHING",
                event.partnerId(), event.poolId(), event.name(), stake == null ? null : stake.asset(), stake == null ? null : stake.amountMinor(),
                stored(at), actor);
        if (inserted == 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int order = 0; order < event.items().size(); order++) {
            RewardPoolItem item = event.items().get(order);
            rows.add(new Object[] {event.partnerId(), event.poolId(), order, item.itemId(), item.weight(),
                    item.reward() == null ? null : item.reward().asset(), item.reward() == null ? null : item.reward().amountMinor(), item.stock()});
        }
        jdbc.batchUpdate("INSERT INTO reward_pool_item (partner_id, pool_id, item_order, item_id, weight, reward_asset, reward_minor, stock) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    @EventHandler
    void on(RewardDrawnEvent event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at) {
        String poolKey = RewardPool.idOf(event.partnerId(), event.poolId());
        int inserted = jdbc.update("INSERT INTO reward_draw (pool_key, pool_sequence, partner_id, pool_id, item_id, player_id, transaction_id, "
                        + "transaction_id_partner, seed, roll, total_weight, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                poolKey, sequence, event.partnerId(), event.poolId(), event.itemId(), event.playerId(), event.transactionId(),
                event.partnerTransactionId(), event.seed(), event.roll(), event.totalWeight(), stored(at));
        if (inserted == 0) {
            return;
        }
        // The table's CHECK (drawn <= stock) is the projection's half of the pair: the pool refused it first.
        int items = jdbc.update("UPDATE reward_pool_item SET drawn = drawn + 1 WHERE partner_id = ? AND pool_id = ? AND item_id = ?",
                event.partnerId(), event.poolId(), event.itemId());
        int pools = jdbc.update("UPDATE reward_pool SET draws = draws + 1 WHERE partner_id = ? AND pool_id = ?", event.partnerId(), event.poolId());
        if (items != 1 || pools != 1) {
            throw new IllegalStateException("draw " + event.transactionId() + " names item " + event.itemId() + " of pool " + event.poolId()
                    + ", which this read model does not hold");
        }
    }

    @EventHandler
    void on(RewardPoolClosedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("UPDATE reward_pool SET status = 'closed', closed_at = ?, closed_by = ? WHERE partner_id = ? AND pool_id = ? AND status = 'open'",
                stored(at), actor, event.partnerId(), event.poolId());
    }

    /**
     * An event's time as the store keeps it, to the millisecond: the live event carries more, so
     * without this a rebuild would write other times than the live processor wrote.
     */
    private static Timestamp stored(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE reward_draw, reward_pool_item, reward_pool");
    }

    private static final String SELECT_POOL = "SELECT partner_id, pool_id, name, stake_asset, stake_minor, status, draws, created_at, created_by, "
            + "closed_at, closed_by FROM reward_pool";

    /** The partner's pool with its items; empty for another partner's pool as for an unknown one. */
    public Optional<PoolView> pool(String partnerId, String poolId) {
        return jdbc.query(SELECT_POOL + " WHERE partner_id = ? AND pool_id = ?", (row, index) -> pool(row, List.of()), partnerId, poolId)
                .stream().findFirst().map(pool -> pool.withItems(items(partnerId, poolId)));
    }

    /** The partner's pools, newest first, at most {@value #POOLS_LISTED_MAX}, without their items. */
    public List<PoolView> pools(String partnerId) {
        return jdbc.query(SELECT_POOL + " WHERE partner_id = ? ORDER BY created_at DESC, pool_id LIMIT ?", (row, index) -> pool(row, List.of()),
                partnerId, POOLS_LISTED_MAX);
    }

    /** How many of the partner's pools are open: the bound new pools are checked against. */
    public long openPools(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM reward_pool WHERE partner_id = ? AND status = 'open'", Long.class, partnerId);
    }

    private List<ItemView> items(String partnerId, String poolId) {
        return jdbc.query("SELECT item_id, weight, reward_asset, reward_minor, stock, drawn FROM reward_pool_item "
                        + "WHERE partner_id = ? AND pool_id = ? ORDER BY item_order",
                (row, index) -> new ItemView(row.getString(1), row.getLong(2), amount(row, 3), (Long) row.getObject(5, Long.class), row.getLong(6)),
                partnerId, poolId);
    }

    private static PoolView pool(ResultSet row, List<ItemView> items) throws SQLException {
        Timestamp closedAt = row.getTimestamp(10);
        return new PoolView(row.getString(1), row.getString(2), row.getString(3), amount(row, 4), row.getString(6), row.getLong(7),
                row.getTimestamp(8).toInstant(), row.getString(9), closedAt == null ? null : closedAt.toInstant(), row.getString(11), items);
    }

    /** The amount in the columns at {@code column} (asset) and the next (minor units); null when there is none. */
    private static AssetAmount amount(ResultSet row, int column) throws SQLException {
        String asset = row.getString(column);
        return asset == null ? null : new AssetAmount(asset, row.getLong(column + 1));
    }
}
