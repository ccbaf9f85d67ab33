package io.chipledger.projections.play;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.Game;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.EventPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The play log: every game round of every game in one table, newest first, with what the game
 * reported. Rows are keyed by the ledger's transaction id, so a replay inserts nothing twice.
 */
@Component
@ProcessingGroup(PlayLogProjection.GROUP)
public class PlayLogProjection {

    public static final String GROUP = "play-log";
    public static final int PAGE_SIZE_MAX = 200;

    private static final ObjectMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final TypeReference<List<AssetAmount>> REWARDS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OUTCOME = new TypeReference<>() {
    };
    private static final String INSERT_PLAY = "INSERT INTO play_log (transaction_id, partner_id, player_id, global_position, "
            + "partner_transaction_id, game, config_id, stake_asset, stake_minor, rewards, outcome, activity_event_id, played_at) "
            + "VALUES (?, ?, ?, " + EventPosition.OF_EVENT + ", ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public PlayLogProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    /** One round; {@code position} is also the cursor for the next (older) page. */
    public record Play(String transactionId, String partnerTransactionId, String playerId, Game game, String configId,
                       AssetAmount stake, List<AssetAmount> rewards, Map<String, Object> outcome, String activityEventId,
                       long position, Instant playedAt) {
    }

    /** Which plays to list: a partner's, narrowed by any of the others; newest first, before {@code beforePosition}. */
    public record PlayQuery(String partnerId, String playerId, Game game, Instant from, Instant to, Long beforePosition, int limit) {

        public PlayQuery {
            if (limit < 1 || limit > PAGE_SIZE_MAX) {
                throw new IllegalArgumentException("limit must be 1.." + PAGE_SIZE_MAX);
            }
        }
    }

    @EventHandler
    void on(PlayRecordedEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        writes.rows(INSERT_PLAY).put(event.transactionId(), new Object[] {event.transactionId(),
                event.walletId().partnerId(), event.walletId().playerId(), eventId, event.partnerTransactionId(),
                event.game().name(), event.configId(), event.stake().asset(), event.stake().amountMinor(), json(event.rewards()),
                json(event.outcome()), event.activityEventId(), java.sql.Timestamp.from(at)});
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE play_log");
    }

    public List<Play> plays(PlayQuery query) {
        StringBuilder sql = new StringBuilder("SELECT transaction_id, partner_transaction_id, player_id, game, config_id, stake_asset, "
                + "stake_minor, rewards, outcome, activity_event_id, global_position, played_at FROM play_log WHERE partner_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(query.partnerId()));
        condition(sql, parameters, " AND player_id = ?", query.playerId());
        condition(sql, parameters, " AND game = ?", query.game() == null ? null : query.game().name());
        condition(sql, parameters, " AND played_at >= ?", io.chipledger.projections.QueryTimes.bound(query.from()));
        condition(sql, parameters, " AND played_at < ?", io.chipledger.projections.QueryTimes.bound(query.to()));
        condition(sql, parameters, " AND global_position < ?", query.beforePosition());
        sql.append(" ORDER BY global_position DESC LIMIT ?");
        parameters.add(query.limit());
        return jdbc.query(sql.toString(), PlayLogProjection::play, parameters.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    private static Play play(ResultSet row, int index) throws SQLException {
        return new Play(row.getString(1), row.getString(2), row.getString(3), Game.valueOf(row.getString(4)), row.getString(5),
                new AssetAmount(row.getString(6), row.getLong(7)), read(row.getString(8), REWARDS), read(row.getString(9), OUTCOME),
                row.getString(10), row.getLong(11), row.getTimestamp(12).toInstant());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a play's rewards and outcome are plain data and always serialize", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored play no longer reads: " + json, e);
        }
    }
}
