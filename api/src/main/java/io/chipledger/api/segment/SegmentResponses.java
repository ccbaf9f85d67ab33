package io.chipledger.api.segment;

import io.chipledger.projections.segment.PlayerSegmentStore.Kept;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the segments API answers (issue 17). */
final class SegmentResponses {

    private SegmentResponses() {
    }

    /**
     * A player's segment: the rule that decides it (a partner's {@code sr_...} rule, or a built-in
     * {@code default:...}), since when the player is in it, and since when that rule decides it
     * (the times of the events that made them so).
     */
    record PlayerSegment(@Schema(example = "alice") String playerId, @Schema(example = "VIP") String segment,
                         @Schema(example = "sr_4f1c2a9b7d3e5a60") String ruleId, @Schema(example = "Big spenders") String ruleName,
                         Instant since, Instant decidedAt) {

        static PlayerSegment of(Kept kept) {
            return new PlayerSegment(kept.playerId(), kept.decision().segment(), kept.decision().ruleId(), kept.decision().ruleName(),
                    kept.since(), kept.decidedAt());
        }
    }

    /** One segment's size. */
    record Size(@Schema(example = "DORMANT_SHORT") String segment, @Schema(example = "1250") long players) {
    }

    /** A partner's segments, largest first. */
    record Sizes(List<Size> segments) {
    }

    /** A page of a segment's players by player id; {@code next_cursor} asks for the next (null: the last page). */
    record Members(@Schema(example = "VIP") String segment, List<PlayerSegment> players, String nextCursor) {
    }

    /**
     * One change of a player's segment: {@code from} is null for the first; {@code reason} is
     * {@code event} (the player's facts changed), {@code rules} (a rule changed) or {@code time} (a pass).
     */
    record Change(Instant at, @Schema(example = "NEW") String from, @Schema(example = "VIP") String to,
                  @Schema(example = "sr_4f1c2a9b7d3e5a60") String ruleId, @Schema(example = "Big spenders") String ruleName,
                  @Schema(example = "event", allowableValues = {"event", "rules", "time"}) String reason,
                  @Schema(example = "0b9d7f4e-3c1a-4f43-9a57-5d0c2f6e8a11") String eventId) {

        static Change of(io.chipledger.projections.segment.PlayerSegmentStore.Change change) {
            return new Change(change.at(), change.from(), change.to(), change.ruleId(), change.ruleName(), change.reason(), change.eventId());
        }
    }

    /** A player's segment now and its changes, newest first. */
    record Changes(PlayerSegment current, List<Change> changes) {
    }

    /** A pass recorded: the segment processor segments every player of the partner again when it reaches it. */
    record EvaluationRequested(@Schema(example = "p_0123456789abcdef") String partnerId, @Schema(example = "requested") String reason) {
    }
}
