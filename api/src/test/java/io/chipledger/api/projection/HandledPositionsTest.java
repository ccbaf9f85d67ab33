package io.chipledger.api.projection;

import static io.chipledger.api.projection.HandledPositions.hasHandled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** A segment has handled a position when its token has seen it and it is not a gap: the token's index alone says nothing. */
class HandledPositionsTest {

    @Test
    void aPositionThatIsStillAGapIsNotHandledThoughTheIndexIsPastIt() {
        TrackingToken token = gapAware(10, 7);

        assertThat(token.position()).hasValue(10);
        assertThat(hasHandled(token, 7)).isFalse();
        assertThat(hasHandled(token, 6)).isTrue();
        assertThat(hasHandled(token, 8)).isTrue();
        assertThat(hasHandled(token, 10)).isTrue();
        assertThat(hasHandled(token, 11)).isFalse();
    }

    @Test
    void aHoleBelowThePositionDoesNotHoldItUpAsAxonsCoversWould() {
        TrackingToken token = gapAware(10, 3);

        assertThat(hasHandled(token, 8)).isTrue();
        assertThat(token.covers(gapAware(8))).as("Axon's covers waits for every gap below").isFalse();
    }

    @Test
    void noTokenHasHandledNothing() {
        assertThat(hasHandled(null, 1)).isFalse();
    }

    @Test
    void aReplayHasHandledOnlyWhatItsCurrentTokenHas() {
        TrackingToken justReset = ReplayToken.createReplayToken(gapAware(10));
        assertThat(hasHandled(justReset, 5)).as("reset to the start: the read model is empty").isFalse();

        TrackingToken replaying = new ReplayToken(gapAware(10), gapAware(6, 2));
        assertThat(hasHandled(replaying, 5)).isTrue();
        assertThat(hasHandled(replaying, 2)).isFalse();
        assertThat(hasHandled(replaying, 8)).as("handled before the reset, not yet again").isFalse();
    }

    @Test
    void aMergeHasHandledOnlyWhatBothHalvesHave() {
        TrackingToken merging = new MergedTrackingToken(gapAware(10, 5), gapAware(6));

        assertThat(hasHandled(merging, 4)).isTrue();
        assertThat(hasHandled(merging, 5)).as("a gap of the lower half").isFalse();
        assertThat(hasHandled(merging, 8)).as("beyond the upper half").isFalse();
        assertThat(hasHandled(new MergedTrackingToken(gapAware(10), null), 4)).isFalse();
    }

    @Test
    void aReplayDuringAMergeIsUnwrappedToTheEnd() {
        TrackingToken nested = new MergedTrackingToken(new ReplayToken(gapAware(20), gapAware(9, 4)), gapAware(12));

        assertThat(hasHandled(nested, 8)).isTrue();
        assertThat(hasHandled(nested, 4)).isFalse();
        assertThat(hasHandled(nested, 11)).isFalse();
    }

    @Test
    void aTokenTheJdbcStoreNeverMakesIsAProgrammingError() {
        assertThatThrownBy(() -> hasHandled(new GlobalSequenceTrackingToken(10), 5)).isInstanceOf(IllegalStateException.class);
    }

    private static GapAwareTrackingToken gapAware(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.stream(gaps).boxed().toList());
    }
}
