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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table of the engine's player states, {@code aml_player_profile} (V19): one row per player
 * of a partner, the movements and factors as JSON. The engine's projection loads a batch's players
 * with one query and writes them back once per batch; the admin API reads one.
 */
public final class AmlPlayerProfiles {

    /** The upsert of one state; its parameters are {@link #row}'s. */
    static final String UPSERT = "INSERT INTO aml_player_profile (partner_id, player_id, score, risk_level, first_seen_at, "
            + "last_activity_at, country, login_country, scored, history, factors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) "
            + "ON CONFLICT (partner_id, player_id) DO UPDATE SET score = EXCLUDED.score, risk_level = EXCLUDED.risk_level, "
            + "first_seen_at = EXCLUDED.first_seen_at, last_activity_at = EXCLUDED.last_activity_at, country = EXCLUDED.country, "
            + "login_country = EXCLUDED.login_country, scored = EXCLUDED.scored, history = EXCLUDED.history, factors = EXCLUDED.factors";
    private static final String COLUMNS = "partner_id, player_id, score, first_seen_at, last_activity_at, country, login_country, scored, "
            + "history, factors";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<AmlMovement>> MOVEMENTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, FactorSeen>> FACTORS = new TypeReference<>() { };

    /** A player of a partner. */
    public record PlayerKey(String partnerId, String playerId) {
    }

    private final JdbcTemplate jdbc;

    public AmlPlayerProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored states of {@code players}; a player without one is absent. */
    Map<PlayerKey, AmlPlayerState> load(Collection<PlayerKey> players) {
        Map<PlayerKey, AmlPlayerState> states = new HashMap<>();
        if (players.isEmpty()) {
            return states;
        }
        jdbc.query("SELECT " + COLUMNS + " FROM aml_player_profile WHERE (partner_id, player_id) IN "
                        + "(SELECT * FROM unnest(?::text[], ?::text[]))",
                row -> {
                    AmlPlayerState state = state(row, 0);
                    states.put(new PlayerKey(state.partnerId(), state.playerId()), state);
                },
                players.stream().map(PlayerKey::partnerId).toArray(String[]::new),
                players.stream().map(PlayerKey::playerId).toArray(String[]::new));
        return states;
    }

    /** One player's state, as of the engine's last batch. */
    public Optional<AmlPlayerState> find(String partnerId, String playerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM aml_player_profile WHERE partner_id = ? AND player_id = ?",
                AmlPlayerProfiles::state, partnerId, playerId).stream().findFirst();
    }

    /** The parameters of {@link #UPSERT} for a state. */
    static Object[] row(AmlPlayerState state) {
        try {
            return new Object[] {state.partnerId(), state.playerId(), state.score(), AmlEngine.riskLevel(state.score()),
                    timestamp(state.firstSeen()), timestamp(state.lastActivity()), state.country(), state.loginCountry(), state.scored(),
                    JSON.writeValueAsString(state.history()), JSON.writeValueAsString(state.factors())};
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an AML state of records did not serialise", impossible);
        }
    }

    void truncate() {
        jdbc.execute("TRUNCATE aml_player_profile");
    }

    private static AmlPlayerState state(ResultSet row, int index) throws SQLException {
        try {
            return new AmlPlayerState(row.getString(1), row.getString(2), row.getInt(3), instant(row.getTimestamp(4)),
                    instant(row.getTimestamp(5)), row.getString(6), row.getString(7), row.getLong(8),
                    JSON.readValue(row.getString(9), MOVEMENTS), JSON.readValue(row.getString(10), FACTORS));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the AML state of " + row.getString(1) + ":" + row.getString(2) + " is unreadable", unreadable);
        }
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
