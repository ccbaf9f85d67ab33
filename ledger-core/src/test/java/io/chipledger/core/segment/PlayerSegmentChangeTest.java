package io.chipledger.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A recorded segment change (issue 17): its id is its player's and cause's, and only a real change is recorded. */
class PlayerSegmentChangeTest {

    private static final Instant AT = Instant.parse("2026-12-01T00:10:00.123456Z");
    private static final String ID = PlayerSegmentChange.idOf("p_1", "alice", "e-1");

    private AggregateTestFixture<PlayerSegmentChange> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(PlayerSegmentChange.class);
    }

    @Test
    void theIdIsOneChangePerPlayerAndCauseAndNoOther() {
        assertThat(ID).matches(PlayerSegmentChange.ID).isEqualTo(PlayerSegmentChange.idOf("p_1", "alice", "e-1"));
        assertThat(PlayerSegmentChange.idOf("p_1", "bob", "e-1")).isNotEqualTo(ID);
        assertThat(PlayerSegmentChange.idOf("p_1", "alice", "e-2")).isNotEqualTo(ID);
        // The parts are separated, so moving a character from one to the next is another change.
        assertThat(PlayerSegmentChange.idOf("p_1", "alice\ne", "-1")).isNotEqualTo(PlayerSegmentChange.idOf("p_1", "alice", "e\n-1"));
    }

    @Test
    void aChangeIsRecordedAsDecided() {
        fixture.givenNoPriorActivity()
                .when(new RecordPlayerSegmentChange(ID, "p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "event", "e-1", AT))
                .expectEvents(new PlayerSegmentChangedEvent(ID, "p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "event", "e-1", AT));
        fixture.givenNoPriorActivity()
                .when(new RecordPlayerSegmentChange(ID, "p_1", "alice", null, "NEW", "default:NEW", "NEW", "event", "e-1", AT))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aChangeThatIsNotOneIsRefused() {
        refused(new RecordPlayerSegmentChange("sc_0123", "p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegmentChange(PlayerSegmentChange.idOf("p_1", "bob", "e-1"), "p_1", "alice", "NEW", "VIP", "default:VIP",
                "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegmentChange(ID, "p_1", "alice", "VIP", "VIP", "default:VIP", "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegmentChange(ID, "p_1", "alice", "NEW", "vip", "default:VIP", "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegmentChange(ID, "p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "whim", "e-1", AT));
        refused(new RecordPlayerSegmentChange(ID, "p_1", "alice", "NEW", "VIP", null, "VIP", "event", "e-1", AT));
        refused(new RecordPlayerSegmentChange(ID, "p_1", "alice", "NEW", "VIP", "default:VIP", "VIP", "event", "e-1", null));
    }

    private void refused(RecordPlayerSegmentChange command) {
        fixture.givenNoPriorActivity().when(command).expectException(IllegalArgumentException.class).expectNoEvents();
    }
}
