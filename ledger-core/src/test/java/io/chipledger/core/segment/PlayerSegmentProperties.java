package io.chipledger.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

/**
 * Whatever decisions reach a player's published segment, however often the same one comes again
 * (a live batch, a rebuild's final state, a second node's repeat), its events are a chain from
 * nothing, never a change to the segment it has, ending at the last decision (issue 17).
 */
class PlayerSegmentProperties {

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final String ID = PlayerSegment.idOf("p_1", "alice");

    @Property(tries = 200)
    void theRecordedChangesAreAChainEndingAtTheLastDecision(@ForAll @Size(min = 1, max = 12) List<@From("segments") String> decisions) {
        List<Object> recorded = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            String decided = decisions.get(i);
            recorded.addAll(recordedFor(recorded, new RecordPlayerSegment(ID, "p_1", "alice", decided, "default:" + decided, decided,
                    "event", "e-" + i, AT)));
        }
        String previous = null;
        for (Object event : recorded) {
            PlayerSegmentChangedEvent change = (PlayerSegmentChangedEvent) event;
            assertThat(change.fromSegment()).as("each change from the one before").isEqualTo(previous);
            assertThat(change.toSegment()).as("never a change to the segment it has").isNotEqualTo(previous);
            previous = change.toSegment();
        }
        assertThat(previous).as("the published segment is the last decision").isEqualTo(decisions.get(decisions.size() - 1));
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.of("NEW", "ACTIVE", "VIP", "DORMANT_SHORT", "DORMANT_LONG");
    }

    /** The events the aggregate appends for {@code decision}, given those it recorded before. */
    private static List<Object> recordedFor(List<Object> before, RecordPlayerSegment decision) {
        List<Object> appended = new ArrayList<>();
        new AggregateTestFixture<>(PlayerSegment.class).given(new ArrayList<>(before)).when(decision)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(new BaseMatcher<>() {
                    @Override
                    public boolean matches(Object events) {
                        for (Object message : (List<?>) events) {
                            appended.add(((EventMessage<?>) message).getPayload());
                        }
                        return true;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("the events appended");
                    }
                });
        return appended;
    }
}
