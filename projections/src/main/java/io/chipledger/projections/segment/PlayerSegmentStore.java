package io.chipledger.projections.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.segment.SegmentConditions;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.segment.SegmentEvaluator.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The segment processor's tables (V21, V22): each player's facts and segment ({@code player_segment}),
 * the segment's changes ({@code player_segment_change}), the rules as the processor read them
 * ({@code player_segment_rule}) and each changed player's newest segment to record in the ledger ({@code segment_change_outbox}). Statements and row shapes in one place; the projection decides.
 */
public final class PlayerSegmentStore {

    /**
     * A player's segment as kept: facts, decision, since when they are in the segment, and since when
     * this rule decides it (both times of the events that made them so, so a rebuild keeps them).
     */
    public record Kept(String partnerId, String playerId, PlayerFacts facts, Decision decision, Instant since, Instant decidedAt) {
    }

    /** One change of a player's segment, and why: {@code event} (their facts changed), {@code rules} or {@code time} (a pass). */
    public record Change(String partnerId, String playerId, String eventId, Instant at, String from, String to, String ruleId,
                         String ruleName, String reason) {
    }

    static final String UPSERT = "INSERT INTO player_segment (partner_id, player_id, registered_at, last_login_at, last_charge_at, "
            + "last_active_at, roulette_plays, dice_plays, lottery_plays, play_seconds, country, deposited, withdrawn, staked, balances, "
            + "segment, rule_id, rule_name, segment_since, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, "
            + "?::jsonb, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, player_id) DO UPDATE SET registered_at = EXCLUDED.registered_at, "
            + "last_login_at = EXCLUDED.last_login_at, last_charge_at = EXCLUDED.last_charge_at, last_active_at = EXCLUDED.last_active_at, "
            + "roulette_plays = EXCLUDED.roulette_plays, dice_plays = EXCLUDED.dice_plays, lottery_plays = EXCLUDED.lottery_plays, "
            + "play_seconds = EXCLUDED.play_seconds, country = EXCLUDED.country, deposited = EXCLUDED.deposited, "
            + "withdrawn = EXCLUDED.withdrawn, staked = EXCLUDED.staked, balances = EXCLUDED.balances, segment = EXCLUDED.segment, "
            + "rule_id = EXCLUDED.rule_id, rule_name = EXCLUDED.rule_name, segment_since = EXCLUDED.segment_since, "
            + "decided_at = EXCLUDED.decided_at";
    static final String CHANGE = "INSERT INTO player_segment_change (partner_id, player_id, event_id, changed_at, from_segment, to_segment, "
            + "rule_id, rule_name, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    /**
     * Puts a player's newest decided segment in the outbox (V22) for the recorder, replacing one
     * that waits still (the player keeps their place in the queue).
     */
    public static final String ENQUEUE = "INSERT INTO segment_change_outbox (partner_id, player_id, segment, rule_id, rule_name, reason, "
            + "cause_event_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, player_id) DO UPDATE SET "
            + "segment = EXCLUDED.segment, rule_id = EXCLUDED.rule_id, rule_name = EXCLUDED.rule_name, reason = EXCLUDED.reason, "
            + "cause_event_id = EXCLUDED.cause_event_id, decided_at = EXCLUDED.decided_at";
    static final String DECISION = "UPDATE player_segment SET segment = ?, rule_id = ?, rule_name = ?, segment_since = ?, decided_at = ? "
            + "WHERE partner_id = ? AND player_id = ?";
    private static final String SELECT = "SELECT partner_id, player_id, registered_at, last_login_at, last_charge_at, last_active_at, "
            + "roulette_plays, dice_plays, lottery_plays, play_seconds, country, deposited::text, withdrawn::text, staked::text, "
            + "balances::text, segment, rule_id, rule_name, segment_since, decided_at FROM player_segment";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> AMOUNTS = new TypeReference<>() { };
    /** Players read per query when a whole partner is evaluated again. */
    static final int PASS_CHUNK = 2_000;

    private final JdbcTemplate jdbc;

    public PlayerSegmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Kept> find(String partnerId, String playerId) {
        return jdbc.query(SELECT + " WHERE partner_id = ? AND player_id = ?", PlayerSegmentStore::kept, partnerId, playerId).stream().findFirst();
    }

    /**
     * The kept players among {@code players} ({@code partner:player}), read with one query; a
     * player not kept is absent from the answer.
     */
    public Map<String, Kept> findAll(Collection<WalletId> players) {
        Map<String, Kept> found = new HashMap<>();
        if (players.isEmpty()) {
            return found;
        }
        jdbc.query(SELECT + " WHERE (partner_id, player_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))", row -> {
            Kept kept = kept(row, 0);
            found.put(kept.partnerId() + ":" + kept.playerId(), kept);
        }, players.stream().map(WalletId::partnerId).toArray(String[]::new), players.stream().map(WalletId::playerId).toArray(String[]::new));
        return found;
    }

    /** Every player of the partner, in chunks of {@value #PASS_CHUNK} by player id (constant memory). */
    public void forEachPlayer(String partnerId, Consumer<Kept> each) {
        String after = "";
        while (true) {
            List<Kept> chunk = jdbc.query(SELECT + " WHERE partner_id = ? AND player_id > ? ORDER BY player_id LIMIT " + PASS_CHUNK,
                    PlayerSegmentStore::kept, partnerId, after);
            chunk.forEach(each);
            if (chunk.size() < PASS_CHUNK) {
                return;
            }
            after = chunk.get(chunk.size() - 1).playerId();
        }
    }

    /** The partner's rules as the processor last read them from the events. */
    public List<SegmentEvaluator.Rule> rules(String partnerId) {
        return jdbc.query("SELECT rule_id, name, segment, priority, enabled, condition::text FROM player_segment_rule WHERE partner_id = ?",
                (row, index) -> {
                    try {
                        return new SegmentEvaluator.Rule(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getBoolean(5),
                                SegmentConditions.parse(JSON.readTree(row.getString(6))));
                    } catch (JsonProcessingException stored) {
                        throw new IllegalStateException("a stored segment condition is not JSON: " + row.getString(1), stored);
                    }
                }, partnerId);
    }

    /** Segment sizes of a partner, largest first. */
    public Map<String, Long> sizes(String partnerId) {
        Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT segment, count(*) FROM player_segment WHERE partner_id = ? GROUP BY segment ORDER BY count(*) DESC, segment",
                row -> {
                    sizes.put(row.getString(1), row.getLong(2));
                }, partnerId);
        return sizes;
    }

    /** A page of a segment's players by player id, after {@code after} (exclusive; null: from the first). */
    public List<Kept> members(String partnerId, String segment, String after, int limit) {
        return jdbc.query(SELECT + " WHERE partner_id = ? AND segment = ? AND player_id > ? ORDER BY player_id LIMIT ?", PlayerSegmentStore::kept,
                partnerId, segment, after == null ? "" : after, limit);
    }

    /** A player's segment changes, newest first, at most {@code limit}. */
    public List<Change> changes(String partnerId, String playerId, int limit) {
        return jdbc.query("SELECT partner_id, player_id, event_id, changed_at, from_segment, to_segment, rule_id, rule_name, reason "
                        + "FROM player_segment_change WHERE partner_id = ? AND player_id = ? ORDER BY changed_at DESC, seq DESC LIMIT ?",
                (row, index) -> new Change(row.getString(1), row.getString(2), row.getString(3), row.getTimestamp(4).toInstant(),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9)),
                partnerId, playerId, limit);
    }

    void truncate() {
        jdbc.execute("TRUNCATE player_segment, player_segment_change, player_segment_rule");
    }

    static Object[] row(Kept kept) {
        PlayerFacts facts = kept.facts();
        return new Object[] {kept.partnerId(), kept.playerId(), ts(facts.registeredAt()), ts(facts.lastLoginAt()), ts(facts.lastChargeAt()),
                ts(facts.lastActiveAt()), facts.roulettePlays(), facts.dicePlays(), facts.lotteryPlays(), facts.playSeconds(), facts.country(),
                json(facts.depositedMinor()), json(facts.withdrawnMinor()), json(facts.stakedMinor()), json(facts.balanceMinor()),
                kept.decision().segment(), kept.decision().ruleId(), kept.decision().ruleName(), ts(kept.since()), ts(kept.decidedAt())};
    }

    static Object[] row(Change change) {
        return new Object[] {change.partnerId(), change.playerId(), change.eventId(), ts(change.at()), change.from(), change.to(),
                change.ruleId(), change.ruleName(), change.reason()};
    }

    /** A change's row for {@link #ENQUEUE}. */
    static Object[] outboxRow(Change change) {
        return new Object[] {change.partnerId(), change.playerId(), change.to(), change.ruleId(), change.ruleName(), change.reason(),
                change.eventId(), ts(change.at())};
    }

    private static Kept kept(ResultSet row, int index) throws SQLException {
        PlayerFacts facts = new PlayerFacts(instant(row, 3), instant(row, 4), instant(row, 5), instant(row, 6), row.getLong(7), row.getLong(8),
                row.getLong(9), row.getLong(10), row.getString(11), amounts(row.getString(12)), amounts(row.getString(13)),
                amounts(row.getString(14)), amounts(row.getString(15)));
        return new Kept(row.getString(1), row.getString(2), facts, new Decision(row.getString(16), row.getString(17), row.getString(18)),
                instant(row, 19), instant(row, 20));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Map<String, Long> amounts(String json) {
        try {
            return JSON.readValue(json, AMOUNTS);
        } catch (JsonProcessingException stored) {
            throw new IllegalStateException("stored amounts are not JSON: " + json, stored);
        }
    }

    private static String json(Map<String, Long> amounts) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(amounts));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("amounts did not serialise", impossible);
        }
    }
}
