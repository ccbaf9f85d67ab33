package io.chipledger.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign's life (issue 20): draft, scheduled, running, finished, or cancelled from any of the
 * first three; it delivers only while running and within its period, counting its deliveries, and
 * renders its message for each player.
 */
class CampaignTest {

    private static final String PARTNER = "p_1";
    private static final String ID = "cmp_0123456789abcdef";
    private static final Instant STARTS = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant ENDS = STARTS.plus(Duration.ofDays(7));
    private static final CampaignReward COINS = new CampaignReward.TokenGrant("ROULETTE_COIN", 10, "10");
    private static final String TEMPLATE = "Hi {player_id}, {amount} {asset} from {campaign_name}!";

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Campaign.class);
    }

    private static CampaignEvents.Created created() {
        return new CampaignEvents.Created(PARTNER, ID, "Welcome week", "NEW", STARTS, ENDS, COINS, TEMPLATE);
    }

    private static CampaignCommands.Create create(Instant startsAt, Instant endsAt, String template) {
        return new CampaignCommands.Create(PARTNER, ID, "Welcome week", "NEW", startsAt, endsAt, COINS, template);
    }

    private static final CampaignEvents.Scheduled SCHEDULED = new CampaignEvents.Scheduled(PARTNER, ID);
    private static final CampaignEvents.Started STARTED = new CampaignEvents.Started(PARTNER, ID, STARTS);

    private static CampaignRewardDeliveredEvent delivered(String player, long delivery) {
        return new CampaignRewardDeliveredEvent(PARTNER, ID, player, COINS, "Hi " + player + ", 10 ROULETTE_COIN from Welcome week!", delivery);
    }

    @Test
    void aCampaignIsCreatedInDraft() {
        fixture.givenNoPriorActivity().when(create(STARTS, ENDS, TEMPLATE)).expectEvents(created());
    }

    @Test
    void aPeriodEndsAfterItStartsAndLastsAtMostNinetyDays() {
        fixture.givenNoPriorActivity().when(create(ENDS, STARTS, TEMPLATE)).expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, STARTS, TEMPLATE)).expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, STARTS.plus(Duration.ofDays(90)).plusSeconds(1), TEMPLATE))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, STARTS.plus(Duration.ofDays(90)), TEMPLATE)).expectSuccessfulHandlerExecution();
    }

    @Test
    void aTemplateNamesOnlyTheCampaignsPlaceholdersWithinItsLimits() {
        fixture.givenNoPriorActivity().when(create(STARTS, ENDS, "Hi {player}")).expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, ENDS, "x".repeat(1_001))).expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, ENDS, "{amount}".repeat(11))).expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity().when(create(STARTS, ENDS, "x".repeat(1_000))).expectSuccessfulHandlerExecution();
        assertThat(CampaignMessage.check("{amount} {asset} { not one } {player_id}", CampaignMessage.known(COINS)))
                .containsExactly("amount", "asset", "player_id");
        assertThatThrownBy(() -> CampaignMessage.check("{coupon_code}", CampaignMessage.known(COINS)))
                .hasMessageContaining("{coupon_code}");
        assertThat(CampaignMessage.known(new CampaignReward.CouponIssue("WELCOME10"))).isEqualTo(Set.of("player_id", "campaign_name",
                "coupon_code"));
    }

    @Test
    void draftThenScheduledThenRunningThenFinished() {
        fixture.given(created()).when(new CampaignCommands.Schedule(PARTNER, ID, STARTS.minusSeconds(60))).expectEvents(SCHEDULED);
        fixture.given(created(), SCHEDULED).when(new CampaignCommands.Start(PARTNER, ID, STARTS)).expectEvents(STARTED);
        fixture.given(created(), SCHEDULED, STARTED, delivered("ann", 1)).when(new CampaignCommands.Finish(PARTNER, ID, ENDS))
                .expectEvents(new CampaignEvents.Finished(PARTNER, ID, ENDS, 1));
    }

    @Test
    void aStepOutOfOrderIsAStatusConflict() {
        conflict(fixture.given(created()), new CampaignCommands.Start(PARTNER, ID, STARTS));
        conflict(fixture.given(created(), SCHEDULED), new CampaignCommands.Schedule(PARTNER, ID, STARTS));
        conflict(fixture.given(created(), SCHEDULED), new CampaignCommands.Start(PARTNER, ID, STARTS.minusSeconds(1)));
        conflict(fixture.given(created(), SCHEDULED), new CampaignCommands.Start(PARTNER, ID, ENDS));
        conflict(fixture.given(created(), SCHEDULED, STARTED), new CampaignCommands.Finish(PARTNER, ID, ENDS.minusNanos(1000)));
        conflict(fixture.given(created()), new CampaignCommands.Finish(PARTNER, ID, ENDS));
        conflict(fixture.given(created(), SCHEDULED, STARTED, new CampaignEvents.Finished(PARTNER, ID, ENDS, 0)),
                new CampaignCommands.Cancel(PARTNER, ID, "too late"));
    }

    @Test
    void aCampaignWhosePeriodIsOverCannotBeScheduled() {
        fixture.given(created()).when(new CampaignCommands.Schedule(PARTNER, ID, ENDS))
                .expectException(Matchers.predicate(failure -> failure instanceof RuleViolation violation
                        && violation.rule() == Rule.CAMPAIGN_PERIOD_OVER))
                .expectNoEvents();
    }

    @Test
    void aScheduledCampaignWhosePeriodPassedUnstartedIsFinished() {
        fixture.given(created(), SCHEDULED).when(new CampaignCommands.Finish(PARTNER, ID, ENDS.plusSeconds(5)))
                .expectEvents(new CampaignEvents.Finished(PARTNER, ID, ENDS.plusSeconds(5), 0));
    }

    @Test
    void draftScheduledAndRunningCampaignsCanBeCancelledOnce() {
        fixture.given(created()).when(new CampaignCommands.Cancel(PARTNER, ID, "typo"))
                .expectEvents(new CampaignEvents.Cancelled(PARTNER, ID, CampaignStatus.DRAFT, "typo", 0));
        fixture.given(created(), SCHEDULED).when(new CampaignCommands.Cancel(PARTNER, ID, "budget"))
                .expectEvents(new CampaignEvents.Cancelled(PARTNER, ID, CampaignStatus.SCHEDULED, "budget", 0));
        fixture.given(created(), SCHEDULED, STARTED, delivered("ann", 1)).when(new CampaignCommands.Cancel(PARTNER, ID, "fraud"))
                .expectEvents(new CampaignEvents.Cancelled(PARTNER, ID, CampaignStatus.RUNNING, "fraud", 1));
        conflict(fixture.given(created(), new CampaignEvents.Cancelled(PARTNER, ID, CampaignStatus.DRAFT, "typo", 0)),
                new CampaignCommands.Cancel(PARTNER, ID, "again"));
        fixture.given(created()).when(new CampaignCommands.Cancel(PARTNER, ID, " ")).expectException(IllegalArgumentException.class);
    }

    @Test
    void aRunningCampaignDeliversCountsAndRendersTheMessage() {
        fixture.given(created(), SCHEDULED, STARTED, delivered("ann", 1))
                .when(new DeliverCampaignRewardCommand(PARTNER, ID, "bob", STARTS.plusSeconds(10)))
                .expectEvents(delivered("bob", 2))
                .expectResultMessagePayload(new CampaignReceipt(Campaign.idOf(PARTNER, ID), 4, 2));
    }

    @Test
    void onlyARunningCampaignDeliversAndOnlyWithinItsPeriod() {
        DeliverCampaignRewardCommand deliver = new DeliverCampaignRewardCommand(PARTNER, ID, "ann", STARTS.plusSeconds(10));
        conflict(fixture.given(created(), SCHEDULED), deliver);
        conflict(fixture.given(created(), SCHEDULED, STARTED, new CampaignEvents.Cancelled(PARTNER, ID, CampaignStatus.RUNNING, "x", 0)),
                deliver);
        conflict(fixture.given(created(), SCHEDULED, STARTED, new CampaignEvents.Finished(PARTNER, ID, ENDS, 0)), deliver);
        conflict(fixture.given(created(), SCHEDULED, STARTED), new DeliverCampaignRewardCommand(PARTNER, ID, "ann", ENDS));
    }

    private static void conflict(org.axonframework.test.aggregate.TestExecutor<Campaign> given, Object command) {
        given.when(command).expectException(Matchers.predicate(failure -> failure instanceof RuleViolation violation
                && violation.rule() == Rule.STATUS_CONFLICT)).expectNoEvents();
    }
}
