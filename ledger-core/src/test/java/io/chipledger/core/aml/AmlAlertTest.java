package io.chipledger.core.aml;

import io.chipledger.core.ledger.RuleViolation;
import java.util.List;
import java.util.function.Function;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The alert workflow (issue 15): every step allowed from each status, every other refused as a status conflict. */
class AmlAlertTest {

    private static final String ID = AmlAlert.engineAlertId("p_1", "t-1", "large_transaction");
    private static final AmlAlertEvents.Raised RAISED = new AmlAlertEvents.Raised(ID, "p_1", "alice", "large_transaction",
            AmlSeverity.HIGH, 72, List.of("large_transaction", "rapid_movement"), "t-1");

    private AggregateTestFixture<AmlAlert> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(AmlAlert.class);
    }

    @Test
    void theEngineRaisesAnAlertUnderItsTransactionsIdAndNoOther() {
        fixture.givenNoPriorActivity()
                .when(new AmlAlertCommands.Raise(ID, "p_1", "alice", "large_transaction", AmlSeverity.HIGH, 72,
                        List.of("large_transaction", "rapid_movement"), "t-1"))
                .expectEvents(RAISED);
        fixture.givenNoPriorActivity()
                .when(new AmlAlertCommands.Raise("aml:other", "p_1", "alice", "large_transaction", AmlSeverity.HIGH, 72, List.of(), "t-1"))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new AmlAlertCommands.Raise(ID, "p_1", "alice", "large_transaction", AmlSeverity.HIGH, 101, List.of(), "t-1"))
                .expectException(IllegalArgumentException.class);
    }

    /** The statuses, and the events that lead to each from a raised alert. */
    private static List<Object> historyOf(AmlAlertStatus status) {
        return switch (status) {
            case NEW -> List.of(RAISED);
            case INVESTIGATING -> List.of(RAISED, new AmlAlertEvents.InvestigationStarted(ID));
            case CLOSED -> List.of(RAISED, new AmlAlertEvents.InvestigationStarted(ID), new AmlAlertEvents.Closed(ID, "a salary"));
            case REPORTED -> List.of(RAISED, new AmlAlertEvents.InvestigationStarted(ID), new AmlAlertEvents.Reported(ID, "STR-2026-17"));
        };
    }

    @ParameterizedTest
    @EnumSource(AmlAlertStatus.class)
    void eachStepIsAllowedFromItsStatusesAndRefusedFromTheOthers(AmlAlertStatus status) {
        expect(status, new AmlAlertCommands.StartInvestigation(ID), status == AmlAlertStatus.NEW,
                id -> new AmlAlertEvents.InvestigationStarted(id));
        expect(status, new AmlAlertCommands.Close(ID, "a salary"), status == AmlAlertStatus.INVESTIGATING,
                id -> new AmlAlertEvents.Closed(id, "a salary"));
        expect(status, new AmlAlertCommands.Report(ID, "STR-2026-17"), status == AmlAlertStatus.INVESTIGATING,
                id -> new AmlAlertEvents.Reported(id, "STR-2026-17"));
        expect(status, new AmlAlertCommands.Assign(ID, "admin-key:ak_1"), !status.isFinal(),
                id -> new AmlAlertEvents.Assigned(id, "admin-key:ak_1"));
        expect(status, new AmlAlertCommands.AddNote(ID, "called the player"), true, id -> new AmlAlertEvents.NoteAdded(id, "called the player"));
    }

    private void expect(AmlAlertStatus status, Object command, boolean allowed, Function<String, Object> event) {
        var result = fixture.given(historyOf(status)).when(command);
        if (allowed) {
            result.expectEvents(event.apply(ID));
        } else {
            result.expectNoEvents().expectException(RuleViolation.class);
        }
    }

    @Test
    void stepsWithoutTheirTextAreRefused() {
        fixture.given(historyOf(AmlAlertStatus.INVESTIGATING)).when(new AmlAlertCommands.Close(ID, " ")).expectException(IllegalArgumentException.class);
        fixture.given(historyOf(AmlAlertStatus.INVESTIGATING)).when(new AmlAlertCommands.Report(ID, null))
                .expectException(IllegalArgumentException.class);
        fixture.given(historyOf(AmlAlertStatus.NEW)).when(new AmlAlertCommands.AddNote(ID, "x".repeat(AmlAlert.TEXT_LENGTH_MAX + 1)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void assigningTheSameInvestigatorAgainChangesNothing() {
        fixture.given(RAISED, new AmlAlertEvents.Assigned(ID, "kim")).when(new AmlAlertCommands.Assign(ID, "kim")).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(RAISED, new AmlAlertEvents.Assigned(ID, "kim")).when(new AmlAlertCommands.Assign(ID, "lee"))
                .expectEvents(new AmlAlertEvents.Assigned(ID, "lee"));
    }

    @Test
    void anAlertsIdKeepsToItsGrammar() {
        fixture.givenNoPriorActivity()
                .when(new AmlAlertCommands.Raise("aml:manual:a b", "p_1", "alice", "sanctions_hit", AmlSeverity.HIGH, 70, List.of(), null))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new AmlAlertCommands.Raise("aml:" + "x".repeat(125), "p_1", "alice", "sanctions_hit", AmlSeverity.HIGH, 70, List.of(), null))
                .expectException(IllegalArgumentException.class);
    }
}
