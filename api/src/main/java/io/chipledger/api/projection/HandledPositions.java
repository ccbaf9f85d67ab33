package io.chipledger.api.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Whether a processor segment whose token is {@code token} has handled the event at one global
 * position: the rule behind {@code consistent_with}.
 *
 * <p>Events commit out of global-index order: a transaction that took index P may commit after
 * one that took P + 1. Axon's JDBC engine then gives the segment a {@link GapAwareTrackingToken}
 * whose index is past P with P among its gaps, and reads P again until it appears. The token's
 * index ({@code position()}) therefore says nothing about P; P is handled only when
 * {@code P <= index} and P is not a gap. A {@link ReplayToken} answers with its current token (a
 * rebuilding read model has handled only what the replay has reached), a
 * {@link MergedTrackingToken} only when both merging halves have handled P, and no token has
 * handled nothing.
 *
 * <p>Only P itself, not every position below it (Axon's {@link TrackingToken#covers}): the
 * store's BIGSERIAL {@code global_index} leaves a permanent hole for every rolled-back append (a
 * lost race between nodes, a failed group), and a hole stays in the token's gaps until Axon drops
 * it: once the token holds more than 250 gaps and the hole is older than the gap timeout (one
 * minute), or once the index is 10,000 positions past it. Waiting for every gap below P would make
 * a read wait, up to its whole bound, for holes that no command answered. Nothing the read needs lies below P in a gap: a wallet's (or profile's) earlier
 * events were committed before P's event was appended, or in its transaction (the aggregate's
 * unique sequence orders them), so the stream sees them no later than P.
 *
 * <p>Limit, from Axon: a gap Axon drops before its event commits (a transaction open longer than
 * the gap timeout, or overtaken by 10,000 positions) is never handled by the projection, yet reads
 * as handled here.
 */
final class HandledPositions {

    private HandledPositions() {
    }

    /**
     * @throws IllegalStateException for a token this event store never produces (a programming
     *         error: the rule above would not be known to hold for it)
     */
    static boolean hasHandled(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        if (token instanceof ReplayToken replay) {
            return hasHandled(replay.getCurrentToken(), position);
        }
        if (token instanceof MergedTrackingToken merged) {
            return hasHandled(merged.lowerSegmentToken(), position) && hasHandled(merged.upperSegmentToken(), position);
        }
        throw new IllegalStateException("a token of type " + token.getClass().getName() + " is not from the JDBC event store");
    }
}
