package io.chipledger.api.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Tells a processor that stopped delivering from a slow one, whatever the processor says of itself:
 * events wait and its position, shared by every node, has not moved for {@link #STALLED_AFTER}. A
 * processor left running with no segment (a stop that overtook a start) reported "running" while it
 * did nothing for good. Read on each health request: the first sight of a position starts its clock.
 */
@Component
class StallWatch {

    /** A position that has not moved for this long while events wait is a processor that stopped. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(1);

    private final ProjectionPositions positions;
    private final Clock clock;
    /** Per group, the position last seen and since when. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(long position, Instant since) {
    }

    /** A group's lag now, and why it counts as stalled ("stalled: …"), or null while it moves or has nothing to do. */
    record Reading(long lag, String stalled) {
    }

    StallWatch(ProjectionPositions positions, Clock clock) {
        this.positions = positions;
        this.clock = clock;
    }

    /** Reads the group's position and the store's head once, and tells its lag and whether it stalled. */
    Reading read(String group) {
        long position = positions.position(group);
        long lag = ProjectionPositions.lag(positions.head(), position);
        Instant now = clock.instant();
        Seen last = seen.compute(group, (key, before) -> before == null || before.position() != position ? new Seen(position, now) : before);
        Duration still = Duration.between(last.since(), now);
        return new Reading(lag, lag > 0 && still.compareTo(STALLED_AFTER) >= 0
                ? "stalled: " + lag + " events wait and nothing was handled for " + still.toSeconds() + " s" : null);
    }
}
