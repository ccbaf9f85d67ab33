package io.chipledger.core.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A statement's figures are frozen only when they add up, under the id of its partner, period and revision. */
class SettlementStatementTest {

    private static final LocalDate FROM = LocalDate.parse("2026-11-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-01");
    private static final String ID = SettlementStatement.idOf("p_1", FROM, TO, 0);
    private static final Instant CHANGE = Instant.parse("2026-11-20T10:00:02Z");

    private AggregateTestFixture<SettlementStatement> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(SettlementStatement.class);
    }

    @Test
    void figuresThatAddUpAreFrozenInTheEvent() {
        List<SettlementLine> lines = List.of(usd(3_020, 405, 2_615, 231, part(605, 500, 30), part(2_010, 1_000, 201)));

        fixture.givenNoPriorActivity()
                .when(new IssueSettlementStatementCommand(ID, "p_1", FROM, TO, null, lines))
                .expectEvents(new SettlementStatementIssuedEvent(ID, "p_1", FROM, TO, null, lines));
    }

    @Test
    void figuresThatDoNotAddUpAreRefused() {
        List<List<SettlementLine>> wrong = List.of(
                List.of(usd(3_020, 405, 2_600, 231, part(605, 500, 30), part(2_010, 1_000, 201))),   // ggr is not bets - wins
                List.of(usd(3_020, 405, 2_615, 232, part(605, 500, 30), part(2_010, 1_000, 201))),   // commission is not the parts' sum
                List.of(usd(3_020, 405, 2_615, 231, part(605, 500, 31), part(2_010, 1_000, 200))),   // a part's commission is not its rate's
                List.of(usd(3_020, 405, 2_615, 231, part(605, 500, 30))));                           // the parts' ggr is not the line's
        for (List<SettlementLine> lines : wrong) {
            fixture.givenNoPriorActivity()
                    .when(new IssueSettlementStatementCommand(ID, "p_1", FROM, TO, null, lines))
                    .expectException(IllegalArgumentException.class);
        }
    }

    @Test
    void anIdNotOfItsPartnerPeriodAndRevisionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new IssueSettlementStatementCommand(ID + "_r1", "p_1", FROM, TO, null, List.of()))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new IssueSettlementStatementCommand(ID + "_r1", "p_1", FROM, TO, ID, List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void commissionIsRoundedHalfToEven() {
        org.assertj.core.api.Assertions.assertThat(new long[] {CommissionPart.commission(605, 500), CommissionPart.commission(615, 500),
                CommissionPart.commission(-605, 500), CommissionPart.commission(1, 5_000), CommissionPart.commission(3, 5_000)})
                .containsExactly(30, 31, -30, 0, 2);
    }

    private static SettlementLine usd(long bets, long wins, long ggr, long commission, CommissionPart... parts) {
        return new SettlementLine("USD", bets, wins, ggr, 0, ggr, commission, List.of(parts));
    }

    private static CommissionPart part(long ggr, int rate, long commission) {
        return new CommissionPart(CHANGE, CHANGE, rate, ggr, commission);
    }
}
