package io.chipledger.api.projection;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * What the database says about the projections: the tokens in {@code token_entry}, which every
 * node shares, and the newest event in the store.
 */
@Component
public class ProjectionPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    /** Reads of tokens for waiting reads, for tests: a read must never cost one of these per few milliseconds. */
    private final AtomicLong tokenReads = new AtomicLong();

    public ProjectionPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * Where the projection stands, for the admin status: the lowest token index of its segments
     * (how far its slowest segment has read), -1 when it has no tokens or has read nothing. Gaps
     * below the index are not counted. Not the test of a read's own write: {@link HandledPositions} is.
     */
    public long position(String group) {
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> {
                    TrackingToken token = token(row.getBytes(1), row.getString(2));
                    return token == null ? -1 : token.position().orElse(-1);
                }, group);
        return positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /**
     * Events stored past where the group stands, never below 0. Global indexes start at 1, so a group
     * that has read nothing (-1) has the whole store ahead of it, {@code head} events.
     */
    public long lag(String group) {
        return lag(head(), position(group));
    }

    /** The events past {@code position} in a store whose newest is {@code head} (both as {@link #head} and {@link #position} say). */
    public static long lag(long head, long position) {
        return Math.max(0, head - Math.max(0, position));
    }

    /** The newest event in the store; -1 when it is empty. One index lookup. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** A segment of a processing group and its stored token (null when it has read nothing). */
    record SegmentToken(String group, Segment segment, TrackingToken token) {
    }

    /** Every segment's token of the given groups, in one query; a segment's mask is computed from its group's segments. */
    List<SegmentToken> tokens(Collection<String> groups) {
        tokenReads.incrementAndGet();
        Map<String, Map<Integer, TrackingToken>> byGroup = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT processor_name, segment, token, token_type FROM token_entry WHERE processor_name = ANY (?)");
            Array names = connection.createArrayOf("varchar", groups.toArray());
            statement.setArray(1, names);
            return statement;
        }, (RowCallbackHandler) row -> byGroup.computeIfAbsent(row.getString(1), group -> new HashMap<>())
                .put(row.getInt(2), token(row.getBytes(3), row.getString(4))));
        List<SegmentToken> tokens = new ArrayList<>();
        byGroup.forEach((group, segments) -> {
            int[] segmentIds = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
            segments.forEach((segmentId, token) ->
                    tokens.add(new SegmentToken(group, Segment.computeSegment(segmentId, segmentIds), token)));
        });
        return tokens;
    }

    /**
     * How far a group's replay has come: the lowest position its replaying segments have read again
     * ({@code replayedThrough}, -1 before the first event) against the highest position they had
     * read when the rebuild reset them ({@code target}).
     */
    record Replay(String group, long replayedThrough, long target) {
    }

    /**
     * The groups that are rebuilding, from the tokens every node shares: a group rebuilds while one of
     * its segments holds a {@link ReplayToken} that has not yet read again up to the position it held
     * at the reset. Axon keeps the {@link ReplayToken} until the segment handles an event after that
     * position, which may be long on a quiet store, so "replayed up to it" is the end that counts
     * here; events appended since the reset are then ordinary lag. One query of the few rows that hold
     * a replay token (a plain token is never deserialized), so it is cheap enough for every cache
     * refresh of {@link RebuildingProjections}.
     */
    Map<String, Replay> replays() {
        Map<String, Replay> replays = new HashMap<>();
        // token_type is the name the token store's serializer gives ReplayToken.
        jdbc.query("SELECT processor_name, token, token_type FROM token_entry WHERE token_type = ?", (RowCallbackHandler) row -> {
            if (token(row.getBytes(2), row.getString(3)) instanceof ReplayToken replay && !replayedUpToReset(replay)) {
                long replayed = replay.getCurrentToken() == null ? -1 : replay.getCurrentToken().position().orElse(-1);
                long target = replay.getTokenAtReset().position().orElse(-1);
                replays.merge(row.getString(1), new Replay(row.getString(1), replayed, target), (one, other) -> new Replay(one.group(),
                        Math.min(one.replayedThrough(), other.replayedThrough()), Math.max(one.target(), other.target())));
            }
        }, serializer.typeForClass(ReplayToken.class).getName());
        return replays;
    }

    private static boolean replayedUpToReset(ReplayToken replay) {
        if (replay.getCurrentToken() == null) {
            return false;
        }
        OptionalLong target = replay.getTokenAtReset().position();
        return target.isEmpty() || replay.getCurrentToken().position().orElse(-1) >= target.getAsLong();
    }

    long tokenReads() {
        return tokenReads.get();
    }

    private TrackingToken token(byte[] token, String tokenType) {
        if (token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(tokenType, null)));
    }
}
