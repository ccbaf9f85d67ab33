package io.chipledger.projections.aml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chipledger.projections.aml.AmlPlayerState.FactorSeen;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's player states in PostgreSQL (V19): a small row per player of a partner
 * ({@code aml_player_profile}: score, times, countries, factors, and a revision counted up at every
 * write) and the movements, appended one row each ({@code aml_movement}), so a batch writes only
 * what it added, never a player's whole history again.
 *
 * <p>States the engine decided are also kept in memory ({@link #CACHED_PLAYERS_MAX} players, least
 * recently used dropped first), each with the revision it was written under: a batch reads its
 * players' rows (small) and reads the movements only of those whose revision differs from the one
 * kept, as after a restart, or when another node handled the player meanwhile.
 */
public final class AmlPlayerProfiles {

    /** Players whose decided state is kept in memory between batches: about 200 bytes per movement kept. */
    public static final int CACHED_PLAYERS_MAX = 10_000;

    static final String UPSERT = "INSERT INTO aml_player_profile (partner_id, player_id, revision, score, risk_level, first_seen_at, "
            + "last_activity_at, country, login_country, scored, factors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
            + "ON CONFLICT (partner_id, player_id) DO UPDATE SET revision = EXCLUDED.revision, score = EXCLUDED.score, "
            + "risk_level = EXCLUDED.risk_level, first_seen_at = EXCLUDED.first_seen_at, last_activity_at = EXCLUDED.last_activity_at, "
            + "country = EXCLUDED.country, login_country = EXCLUDED.login_country, scored = EXCLUDED.scored, factors = EXCLUDED.factors";
    static final String APPEND = "INSERT INTO aml_movement (partner_id, player_id, at, kind, currency, amount_minor, transaction_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "partner_id, player_id, revision, score, first_seen_at, last_activity_at, country, "
            + "login_country, scored, factors";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<Map<String, FactorSeen>> FACTORS = new TypeReference<>() { };

    /** A player of a partner. */
    public record PlayerKey(String partnerId, String playerId) {
    }

    /** A state as written: the revision of its row. */
    record Kept(long revision, AmlPlayerState state) {
    }

    private final JdbcTemplate jdbc;
    private final Map<PlayerKey, Kept> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PlayerKey, Kept> eldest) {
            return size() > CACHED_PLAYERS_MAX;
        }
    };

    public AmlPlayerProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored states of {@code players}, with their revisions; a player without one is absent.
     * Their rows are locked until the transaction ends, so a parked event retried by hand and the
     * processor never decide about one player at once (each reads what the other wrote).
     */
    Map<PlayerKey, Kept> load(Collection<PlayerKey> players) {
        Map<PlayerKey, Kept> states = new HashMap<>();
        if (players.isEmpty()) {
            return states;
        }
        // The revisions first (locking the rows): a player kept in memory under the same one is not read again.
        List<PlayerKey> unknown = new ArrayList<>();
        jdbc.query("SELECT partner_id, player_id, revision FROM aml_player_profile WHERE (partner_id, player_id) IN "
                        + "(SELECT * FROM unnest(?::text[], ?::text[])) FOR UPDATE",
                row -> {
                    PlayerKey player = new PlayerKey(row.getString(1), row.getString(2));
                    Kept cached = cached(player);
                    if (cached != null && cached.revision() == row.getLong(3)) {
                        states.put(player, cached);
                    } else {
                        unknown.add(player);
                    }
                }, partners(players), playerIds(players));
        if (unknown.isEmpty()) {
            return states;
        }
        Map<PlayerKey, List<AmlMovement>> histories = movements(unknown);
        jdbc.query("SELECT " + COLUMNS + " FROM aml_player_profile WHERE (partner_id, player_id) IN "
                        + "(SELECT * FROM unnest(?::text[], ?::text[]))",
                row -> {
                    Kept stored = row(row);
                    PlayerKey player = new PlayerKey(stored.state().partnerId(), stored.state().playerId());
                    states.put(player, new Kept(stored.revision(), stored.state().withHistory(histories.getOrDefault(player, List.of()))));
                }, partners(unknown), playerIds(unknown));
        return states;
    }

    private synchronized Kept cached(PlayerKey player) {
        return cache.get(player);
    }

    /** Keeps the states a processor batch wrote, once it committed; forgets those written by anything else. */
    synchronized void committed(Map<PlayerKey, Kept> written, boolean keep) {
        if (keep) {
            cache.putAll(written);
        } else {
            written.keySet().forEach(cache::remove);
        }
    }

    /** One player's state, as of the engine's last batch. */
    public Optional<AmlPlayerState> find(String partnerId, String playerId) {
        PlayerKey player = new PlayerKey(partnerId, playerId);
        return jdbc.query("SELECT " + COLUMNS + " FROM aml_player_profile WHERE partner_id = ? AND player_id = ?",
                (row, index) -> row(row), partnerId, playerId).stream().findFirst()
                .map(kept -> kept.state().withHistory(movements(List.of(player)).getOrDefault(player, List.of())));
    }

    /** The parameters of {@link #UPSERT} for a state written under {@code revision}. */
    static Object[] row(AmlPlayerState state, long revision) {
        try {
            return new Object[] {state.partnerId(), state.playerId(), revision, state.score(), AmlEngine.riskLevel(state.score()),
                    timestamp(state.firstSeen()), timestamp(state.lastActivity()), state.country(), state.loginCountry(), state.scored(),
                    JSON.writeValueAsString(state.factors())};
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an AML state of records did not serialise", impossible);
        }
    }

    /** The parameters of {@link #APPEND} for a movement of a player. */
    static Object[] movementRow(PlayerKey player, AmlMovement movement) {
        return new Object[] {player.partnerId(), player.playerId(), Timestamp.from(movement.at()), movement.kind().name(),
                movement.currency(), movement.amountMinor(), movement.transactionId()};
    }

    /**
     * Forgets the movements no rule looks at any more: older than {@link AmlPlayerState#HISTORY_KEPT}
     * before {@code newest}, the newest event's time (never the clock's). At most
     * {@code limit} rows, so one batch never waits on a long delete; answers how many were deleted.
     */
    int forgetBefore(Instant newest, int limit) {
        return jdbc.update("DELETE FROM aml_movement WHERE ctid = ANY (ARRAY(SELECT ctid FROM aml_movement WHERE at < ? LIMIT ?))",
                Timestamp.from(newest.minus(AmlPlayerState.HISTORY_KEPT)), limit);
    }

    synchronized void truncate() {
        jdbc.execute("TRUNCATE aml_player_profile, aml_movement");
        cache.clear();
    }

    private Map<PlayerKey, List<AmlMovement>> movements(List<PlayerKey> players) {
        Map<PlayerKey, List<AmlMovement>> histories = new HashMap<>();
        if (players.isEmpty()) {
            return histories;
        }
        jdbc.query("SELECT partner_id, player_id, at, kind, currency, amount_minor, transaction_id FROM aml_movement "
                        + "WHERE (partner_id, player_id) IN (SELECT * FROM unnest(?::text[], ?::text[])) ORDER BY partner_id, player_id, at",
                row -> {
                    histories.computeIfAbsent(new PlayerKey(row.getString(1), row.getString(2)), key -> new ArrayList<>())
                            .add(new AmlMovement(row.getTimestamp(3).toInstant(), AmlMovement.Kind.valueOf(row.getString(4)),
                                    row.getString(5).intern(), row.getLong(6), row.getString(7)));
                }, partners(players), playerIds(players));
        // Only the span and count a state keeps: rows not yet forgotten may be older.
        histories.replaceAll((player, history) -> AmlPlayerState.kept(history));
        return histories;
    }

    private static Kept row(ResultSet row) throws SQLException {
        try {
            return new Kept(row.getLong(3), new AmlPlayerState(row.getString(1), row.getString(2), row.getInt(4),
                    instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), row.getString(7), row.getString(8), row.getLong(9),
                    List.of(), JSON.readValue(row.getString(10), FACTORS)));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the AML state of " + row.getString(1) + ":" + row.getString(2) + " is unreadable", unreadable);
        }
    }

    private static String[] partners(Collection<PlayerKey> players) {
        return players.stream().map(PlayerKey::partnerId).toArray(String[]::new);
    }

    private static String[] playerIds(Collection<PlayerKey> players) {
        return players.stream().map(PlayerKey::playerId).toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
