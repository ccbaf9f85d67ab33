package io.chipledger.projections.activity;

import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.wallet.Game;
import io.chipledger.projections.BatchedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What segmentation reads about a player: last login, last charge (deposit), last bonus use and
 * last activity of any kind, plays per game and total play time. One row per player; each
 * activity moves one figure. Times are when the player acted, and a late report never moves a
 * time back. A row remembers the newest profile event it counted, so nothing counts twice.
 */
@Component
@ProcessingGroup(PlayerActivityProjection.GROUP)
public class PlayerActivityProjection {

    public static final String GROUP = "player-activity";

    /** How an activity moves its figure: count it, add its value, or keep the latest time. */
    private enum Effect { COUNT, ADD_VALUE, LATEST_TIME }

    private record Figure(String column, Effect effect) {
    }

    private static final Map<ActivityType, String> UPSERTS = new EnumMap<>(ActivityType.class);

    static {
        for (ActivityType type : ActivityType.values()) {
            UPSERTS.put(type, upsert(figureOf(type)));
        }
    }

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public PlayerActivityProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    public record PlayerActivity(String playerId, Instant lastLoginAt, Instant lastChargeAt, Instant lastBonusUsedAt,
                                 Instant lastActiveAt, Map<String, Long> playsPerGame, long totalPlayDurationSeconds,
                                 long activities) {
    }

    @EventHandler
    void on(PlayerActivityRecordedEvent event, @SequenceNumber long sequence) {
        PlayerProfileId profile = event.profileId();
        Object value = switch (figureOf(event.type()).effect()) {
            case COUNT -> 1L;
            case ADD_VALUE -> event.value();
            case LATEST_TIME -> Timestamp.from(event.occurredAt());
        };
        // At once, not batched: the figure moves only for a newer profile event, so order matters.
        writes.update(UPSERTS.get(event.type()), profile.partnerId(), profile.playerId(), Timestamp.from(event.occurredAt()), sequence, value);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE player_activity");
    }

    public Optional<PlayerActivity> activity(PlayerProfileId profile) {
        return jdbc.query("SELECT player_id, last_login_at, last_charge_at, last_bonus_used_at, last_active_at, roulette_plays, "
                        + "dice_plays, lottery_plays, slot_plays, gacha_plays, crash_plays, total_play_duration_seconds, activities "
                        + "FROM player_activity WHERE partner_id = ? AND player_id = ?",
                PlayerActivityProjection::activity, profile.partnerId(), profile.playerId()).stream().findFirst();
    }

    private static PlayerActivity activity(ResultSet row, int index) throws SQLException {
        Map<String, Long> plays = new LinkedHashMap<>();
        for (Game game : Game.values()) {
            plays.put(game.name(), row.getLong(playsColumn(game)));
        }
        return new PlayerActivity(row.getString(1), instant(row, 2), instant(row, 3), instant(row, 4), instant(row, 5), plays,
                row.getLong(12), row.getLong(13));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp time = row.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    private static Figure figureOf(ActivityType type) {
        if (type.game() != null) {
            return new Figure(playsColumn(type.game()), Effect.COUNT);
        }
        return switch (type) {
            case LOGIN -> new Figure("last_login_at", Effect.LATEST_TIME);
            case CHARGE -> new Figure("last_charge_at", Effect.LATEST_TIME);
            case BONUS_USED -> new Figure("last_bonus_used_at", Effect.LATEST_TIME);
            case PLAY_DURATION -> new Figure("total_play_duration_seconds", Effect.ADD_VALUE);
            default -> throw new IllegalStateException("no figure for " + type);
        };
    }

    private static String playsColumn(Game game) {
        return game.name().toLowerCase(Locale.ROOT) + "_plays";
    }

    /** Inserts the player's first row, or moves one figure and the last activity of an existing row, once per profile event. */
    private static String upsert(Figure figure) {
        String column = figure.column();
        String moved = figure.effect() == Effect.LATEST_TIME
                ? "GREATEST(player_activity." + column + ", EXCLUDED." + column + ")"
                : "player_activity." + column + " + EXCLUDED." + column;
        return "INSERT INTO player_activity (partner_id, player_id, last_active_at, profile_sequence, activities, " + column + ") "
                + "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (partner_id, player_id) DO UPDATE SET "
                + "last_active_at = GREATEST(player_activity.last_active_at, EXCLUDED.last_active_at), "
                + "profile_sequence = EXCLUDED.profile_sequence, activities = player_activity.activities + 1, "
                + column + " = " + moved + " WHERE player_activity.profile_sequence < EXCLUDED.profile_sequence";
    }
}
