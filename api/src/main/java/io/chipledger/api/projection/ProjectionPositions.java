package io.chipledger.api.projection;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.problem.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each projection has read the event store, from the token store, so the answer is
 * the same on every node. A projection has reached a position when every one of its segments
 * has processed past it.
 */
@Component
public class ProjectionPositions {

    /** How often a waiting read looks at the tokens again. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration waitMax;

    public ProjectionPositions(JdbcTemplate jdbc, Serializer serializer, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.waitMax = properties.consistencyWait();
    }

    /** Where the projection stands; -1 when it has not processed anything (or has no tokens yet). */
    public long position(String group) {
        List<Long> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> positionOf(row.getBytes(1), row.getString(2)), group);
        return positions.isEmpty() ? -1 : positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** The newest event in the store; -1 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /**
     * Waits, at most {@code chipledger.consistency-wait}, until the projection has processed
     * {@code position} for this aggregate. Only the segment that owns the aggregate is asked: an
     * idle segment stores its token lazily and would make every read wait for nothing.
     */
    public void awaitPosition(String group, long position, String aggregateId) {
        long deadline = System.nanoTime() + waitMax.toNanos();
        long reached = positionFor(group, aggregateId);
        if (reached < position && position > head()) {
            // No command answered this position yet: waiting would hold a worker for nothing.
            throw new InvalidRequestException("consistent_with", "consistent_with must be a position a command answered");
        }
        while (reached < position) {
            if (System.nanoTime() > deadline) {
                throw new ProjectionLagException(group, position, reached);
            }
            sleep();
            reached = positionFor(group, aggregateId);
        }
    }

    private long positionFor(String group, String aggregateId) {
        List<SegmentToken> tokens = jdbc.query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> new SegmentToken(row.getInt(1), positionOf(row.getBytes(2), row.getString(3))), group);
        int[] segmentIds = tokens.stream().mapToInt(SegmentToken::segment).toArray();
        return tokens.stream()
                .filter(token -> Segment.computeSegment(token.segment(), segmentIds).matches(aggregateId))
                .mapToLong(SegmentToken::position)
                .findFirst().orElse(-1);
    }

    private record SegmentToken(int segment, long position) {
    }

    private long positionOf(byte[] token, String tokenType) {
        if (token == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class,
                new SimpleSerializedType(tokenType, null)));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a projection", e);
        }
    }
}
