package io.chipledger.api.projection;

import io.chipledger.api.projection.ProjectionPositions.Replay;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whether a read model may answer reads: not while it is rebuilt, when its tables hold only part of
 * the history, so a read would answer a partial view or a 404 for a wallet that exists.
 *
 * <p>The answer comes from the tokens in {@code token_entry} ({@link ProjectionPositions#replays}),
 * which every node shares, so a rebuild started on one node refuses reads on all of them, not only
 * where the processor runs. Reads are hot, so one answer (one query covering every group) serves
 * every read on this node for {@link #ANSWER_TRUSTED_FOR}; a node learns that a rebuild started or
 * ended at most that long after the tokens say so. A rebuild therefore marks the tokens first and
 * waits {@link #SETTLE} (this interval and a margin) before it empties anything
 * ({@link ProjectionRebuild}), and the node that rebuilds drops its answer at once ({@link #forget}).
 *
 * <p>Limit: a read that checked here and then stalls longer than the margin before its query runs
 * (a pause of more than a second) may still read a table the rebuild has emptied since.
 */
@Component
public class RebuildingProjections {

    /** How long one answer from the tokens serves this node's reads. */
    static final Duration ANSWER_TRUSTED_FOR = Duration.ofMillis(500);
    /** How long a rebuild waits between marking the tokens and emptying the tables: every node's answer is then new. */
    static final Duration SETTLE = ANSWER_TRUSTED_FOR.plus(Duration.ofMillis(1500));
    /** The {@code Retry-After} of a read refused while a rebuild runs. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final ProjectionPositions positions;
    private final Object refreshing = new Object();
    private volatile Answer answer;
    /** When this node last changed the tokens: an answer asked before then is never kept. Guarded by {@code refreshing}. */
    private long forgottenAtNanos = System.nanoTime();

    RebuildingProjections(ProjectionPositions positions) {
        this.positions = positions;
    }

    /** The groups rebuilding when the tokens were read, and when that was (System.nanoTime, taken before the query). */
    private record Answer(Map<String, Replay> replays, long askedAtNanos) {
    }

    /**
     * Returns when {@code group}'s read model may answer a read.
     *
     * @throws ProjectionRebuildingException the group is being rebuilt (503, with {@code Retry-After})
     * @throws org.springframework.dao.DataAccessException the tokens could not be read (the read would fail as well)
     */
    public void requireServing(String group) {
        Replay replay = current().replays().get(group);
        if (replay != null) {
            throw new ProjectionRebuildingException(group, replay.replayedThrough(), replay.target(), RETRY_AFTER_SECONDS);
        }
    }

    /**
     * The groups rebuilding now, read from the tokens at once (the admin status is exact, not
     * cached); the answer also serves this node's reads, so once the status says a rebuild is
     * over, reads on the same node agree.
     */
    Map<String, Replay> replaysNow() {
        long asked = System.nanoTime();
        Map<String, Replay> replays = positions.replays();
        keep(new Answer(replays, asked));
        return replays;
    }

    /** This node changed the tokens (a rebuild marked, reset or restored them): the next read asks the tokens again. */
    void forget() {
        synchronized (refreshing) {
            answer = null;
            forgottenAtNanos = System.nanoTime();
        }
    }

    /** Keeps a newer answer, unless it was asked before this node last changed the tokens. */
    private void keep(Answer fresh) {
        synchronized (refreshing) {
            Answer known = answer;
            if (fresh.askedAtNanos() - forgottenAtNanos > 0 && (known == null || fresh.askedAtNanos() - known.askedAtNanos() > 0)) {
                answer = fresh;
            }
        }
    }

    private Answer current() {
        Answer known = answer;
        if (known != null && System.nanoTime() - known.askedAtNanos() <= ANSWER_TRUSTED_FOR.toNanos()) {
            return known;
        }
        // One query per interval per node: the reads that find the answer old wait for the one asking, not each ask.
        synchronized (refreshing) {
            known = answer;
            long now = System.nanoTime();
            if (known == null || now - known.askedAtNanos() > ANSWER_TRUSTED_FOR.toNanos()) {
                known = new Answer(positions.replays(), now);
                answer = known;
            }
            return known;
        }
    }
}
