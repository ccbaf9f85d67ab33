package io.chipledger.core.segment;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A player's published segment (issue 17): a decision is recorded only when it changes the segment, as a chain from the one before. */
class PlayerSegmentTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:10:00.123456Z");
    private static final String ID = PlayerSegment.idOf("p_1", "alice");

    private AggregateTestFixture<PlayerSegment> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(PlayerSegment.class);
    }

    private static RecordPlayerSegment decided(String segment, String cause) {
        return new RecordPlayerSegment(ID, "p_1", "alice", segment, "default:" + segment, segment, "event", cause, AT);
    }

    private static PlayerSegmentChangedEvent changed(String from, String to, String cause) {
        return new PlayerSegmentChangedEvent("p_1", "alice", from, to, "default:" + to, to, "event", cause, AT);
    }

    @Test
    void theFirstDecisionIsAChangeFromNothing() {
        fixture.givenNoPriorActivity().when(decided("NEW", "e-1")).expectEvents(changed(null, "NEW", "e-1"));
    }

    @Test
    void aNewSegmentIsAChangeFromTheOneRecordedLast() {
        fixture.given(changed(null, "NEW", "e-1")).when(decided("VIP", "e-2")).expectEvents(changed("NEW", "VIP", "e-2"));
    }

    @Test
    void theSegmentRecordedAlreadyRecordsNothingWhateverItsCause() {
        fixture.given(changed(null, "NEW", "e-1"), changed("NEW", "VIP", "e-2")).when(decided("VIP", "e-2")).expectNoEvents();
        fixture.given(changed(null, "NEW", "e-1"), changed("NEW", "VIP", "e-2")).when(decided("VIP", "e-9")).expectNoEvents();
    }

    @Test
    void aDecisionThatIsNotOneIsRefused() {
        refused(new RecordPlayerSegment(PlayerSegment.idOf("p_1", "bob"), "p_1", "alice", "VIP", "default:VIP", "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegment(ID, "p_1", "alice", "vip", "default:VIP", "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegment(ID, "p_1", "alice", "VIP", "default:VIP", "VIP", "whim", "e-1", AT));
        refused(new RecordPlayerSegment(ID, "p_1", "alice", "VIP", null, "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegment(ID, "p_1", "alice", "VIP", "default:VIP", "VIP", "event", "e-1", null));
    }

    private void refused(RecordPlayerSegment command) {
        new AggregateTestFixture<>(PlayerSegment.class).givenNoPriorActivity().when(command)
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }
}
