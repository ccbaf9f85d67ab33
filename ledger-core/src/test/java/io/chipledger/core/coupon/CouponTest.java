package io.chipledger.core.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.wallet.AssetAmount;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A partner's coupon (issue 20): each rule of a redemption one by one, and what each kind credits. */
class CouponTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(7));
    private static final String ID = Coupon.idOf("p_1", "welcome10");
    private static final CouponReward TEN_DOLLARS = new CouponReward.Fixed("USD", 1_000);

    private AggregateTestFixture<Coupon> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Coupon.class);
    }

    private static CouponEvents.Created created(CouponReward reward, int usageLimit, int perPlayerLimit, String segment) {
        return new CouponEvents.Created("p_1", "WELCOME10", reward, EXPIRES, usageLimit, perPlayerLimit, segment);
    }

    private static CouponCommands.Redeem redeem(String player, Instant at) {
        return new CouponCommands.Redeem(ID, "tx-" + player, "r-" + player, player, at, "NEW", null);
    }

    private static CouponEvents.Redeemed redeemed(String player, int use, int playerUse, CouponReward reward, AssetAmount credited) {
        return new CouponEvents.Redeemed("p_1", "WELCOME10", player, "tx-" + player, "r-" + player, use, playerUse, reward, credited, null,
                null);
    }

    @Test
    void aCodeIsKeptUpperCaseAndIsUniquePerPartnerWhateverItsCase() {
        assertThat(Coupon.idOf("p_1", "Welcome10")).isEqualTo("coupon:p_1:WELCOME10").isEqualTo(ID);
        assertThat(Coupon.normalized("ab")).isNull();
        assertThat(Coupon.normalized("no spaces")).isNull();
        fixture.givenNoPriorActivity()
                .when(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, 100, 1, null, NOW))
                .expectEvents(created(TEN_DOLLARS, 100, 1, null));
        fixture.given(created(TEN_DOLLARS, 100, 1, null))
                .when(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, 5, 1, null, NOW))
                .expectException(RuleViolation.class).expectExceptionMessage("the partner has a coupon WELCOME10 already").expectNoEvents();
    }

    @Test
    void aCouponThatWouldExpireAlreadyOrHoldsNoBoundIsNotCreated() {
        refusedCreation(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, NOW, 100, 1, null, NOW));
        refusedCreation(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, 0, 1, null, NOW));
        refusedCreation(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, Coupon.USAGE_LIMIT_MAX + 1, 1, null, NOW));
        refusedCreation(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, 100, 101, null, NOW));
        refusedCreation(new CouponCommands.Create(ID, "p_1", "welcome10", TEN_DOLLARS, EXPIRES, 100, 1, null, NOW));
        refusedCreation(new CouponCommands.Create(ID, "p_1", "WELCOME10", TEN_DOLLARS, EXPIRES, 100, 1, "vip", NOW));
    }

    private static void refusedCreation(CouponCommands.Create command) {
        new AggregateTestFixture<>(Coupon.class).givenNoPriorActivity().when(command)
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aFixedCouponCreditsItsAmountAndCountsTheUse() {
        fixture.given(created(TEN_DOLLARS, 100, 1, null))
                .when(redeem("alice", NOW))
                .expectEvents(redeemed("alice", 1, 1, TEN_DOLLARS, new AssetAmount("USD", 1_000)))
                .expectResultMessagePayloadMatching(new TypeSafeMatcher<CouponRedemptionReceipt>() {
                    @Override
                    protected boolean matchesSafely(CouponRedemptionReceipt receipt) {
                        return receipt.useNumber() == 1 && receipt.credited().equals(new AssetAmount("USD", 1_000)) && receipt.wallet() == null
                                && receipt.aggregateId().equals(ID) && receipt.version() == 1;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("the first use, crediting 10.00 USD, closed by the coupon's second event");
                    }
                });
    }

    @Test
    void freeSpinsCreditNoMoneyTheEventIsTheEntitlement() {
        CouponReward spins = new CouponReward.FreeSpins("book-of-ra", 25);
        fixture.given(created(spins, 100, 1, null)).when(redeem("alice", NOW))
                .expectEvents(redeemed("alice", 1, 1, spins, null));
    }

    @Test
    void aDisabledCouponIsRefused() {
        fixture.given(created(TEN_DOLLARS, 100, 1, null), new CouponEvents.Disabled("p_1", "WELCOME10", "leaked on a forum"))
                .when(redeem("alice", NOW)).expectException(violation(Rule.COUPON_DISABLED)).expectNoEvents();
    }

    @Test
    void anExpiredCouponIsRefusedFromItsExpiryOn() {
        fixture.given(created(TEN_DOLLARS, 100, 1, null))
                .when(redeem("alice", EXPIRES)).expectException(violation(Rule.COUPON_EXPIRED)).expectNoEvents();
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 1, null))
                .when(redeem("alice", EXPIRES.minusMillis(1))).expectSuccessfulHandlerExecution();
    }

    @Test
    void theUsageLimitIsTheTotalOfAllPlayers() {
        fixture.given(created(TEN_DOLLARS, 2, 1, null), redeemed("alice", 1, 1, TEN_DOLLARS, new AssetAmount("USD", 1_000)),
                        redeemed("bob", 2, 1, TEN_DOLLARS, new AssetAmount("USD", 1_000)))
                .when(redeem("carol", NOW)).expectException(violation(Rule.COUPON_USED_UP)).expectNoEvents();
    }

    @Test
    void aPlayerUsesACouponAtMostItsPerPlayerLimit() {
        AssetAmount ten = new AssetAmount("USD", 1_000);
        fixture.given(created(TEN_DOLLARS, 100, 2, null), redeemed("alice", 1, 1, TEN_DOLLARS, ten), redeemed("bob", 2, 1, TEN_DOLLARS, ten))
                .when(redeem("alice", NOW)).expectEvents(redeemed("alice", 3, 2, TEN_DOLLARS, ten));
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 2, null), redeemed("alice", 1, 1, TEN_DOLLARS, ten),
                        redeemed("alice", 2, 2, TEN_DOLLARS, ten))
                .when(redeem("alice", NOW)).expectException(violation(Rule.COUPON_PLAYER_LIMIT)).expectNoEvents();
    }

    @Test
    void aSegmentCouponIsOnlyForPlayersInThatSegment() {
        fixture.given(created(TEN_DOLLARS, 100, 1, "VIP")).when(redeem("alice", NOW))
                .expectException(violation(Rule.PLAYER_NOT_IN_COUPON_SEGMENT)).expectNoEvents();
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 1, "VIP"))
                .when(new CouponCommands.Redeem(ID, "tx-alice", "r-alice", "alice", NOW, null, null))
                .expectException(violation(Rule.PLAYER_NOT_IN_COUPON_SEGMENT)).expectNoEvents();
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 1, "VIP"))
                .when(new CouponCommands.Redeem(ID, "tx-alice", "r-alice", "alice", NOW, "VIP", null))
                .expectEvents(new CouponEvents.Redeemed("p_1", "WELCOME10", "alice", "tx-alice", "r-alice", 1, 1, TEN_DOLLARS,
                        new AssetAmount("USD", 1_000), null, "VIP"));
    }

    /** 12.5% of a net loss of 87.33 is 10.91625, rounded down to 10.91; of 1,000.00 it is 125.00, capped at 50.00. */
    @Test
    void aPercentagePaysBackItsShareOfTheNetLossRoundedDownAndCapped() {
        CouponReward.Percentage payback = new CouponReward.Percentage("USD", 1_250, 7, 5_000);
        assertThat(payback.payback(8_733)).isEqualTo(1_091);
        assertThat(payback.payback(100_000)).isEqualTo(5_000);
        assertThat(payback.payback(0)).isZero();
        assertThat(payback.payback(-500)).isZero();
        assertThat(payback.payback(7)).isZero();
        CouponEvents.NetLoss loss = new CouponEvents.NetLoss(NOW.minus(Duration.ofDays(7)), NOW, 8_733);
        fixture.given(created(payback, 100, 1, null))
                .when(new CouponCommands.Redeem(ID, "tx-alice", "r-alice", "alice", NOW, null, loss))
                .expectEvents(new CouponEvents.Redeemed("p_1", "WELCOME10", "alice", "tx-alice", "r-alice", 1, 1, payback,
                        new AssetAmount("USD", 1_091), loss, null));
    }

    @Test
    void aPercentageWithNothingToPayBackIsRefusedAndUsesNothing() {
        CouponReward.Percentage payback = new CouponReward.Percentage("USD", 1_250, 7, 5_000);
        fixture.given(created(payback, 100, 1, null))
                .when(new CouponCommands.Redeem(ID, "tx-alice", "r-alice", "alice", NOW, null,
                        new CouponEvents.NetLoss(NOW.minus(Duration.ofDays(7)), NOW, -2_000)))
                .expectException(violation(Rule.COUPON_NOTHING_TO_PAY_BACK)).expectNoEvents();
        new AggregateTestFixture<>(Coupon.class).given(created(payback, 100, 1, null))
                .when(new CouponCommands.Redeem(ID, "tx-alice", "r-alice", "alice", NOW, null,
                        new CouponEvents.NetLoss(NOW.minus(Duration.ofDays(6)), NOW, 9_000)))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aCodeIsAsciiInEitherCaseAndUnicodeCaseMappingFindsNoOtherCode() {
        assertThat(Coupon.normalized("welcome10")).isEqualTo("WELCOME10");
        assertThat(Coupon.normalized("welcome\u0131")).isNull();
        assertThat(Coupon.normalized("stra\u00dfe")).isNull();
        assertThat(Coupon.normalized("\u017fpins25")).isNull();
    }

    @Test
    void aPercentageCouponPaysBackOncePerPlayerSoNoLossIsPaidBackTwice() {
        CouponReward.Percentage payback = new CouponReward.Percentage("USD", 1_250, 7, 5_000);
        fixture.givenNoPriorActivity()
                .when(new CouponCommands.Create(ID, "p_1", "WELCOME10", payback, EXPIRES, 100, 2, null, NOW))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void aCouponIsDisabledOnceWithAReason() {
        fixture.given(created(TEN_DOLLARS, 100, 1, null))
                .when(new CouponCommands.Disable(ID, "leaked"))
                .expectEvents(new CouponEvents.Disabled("p_1", "WELCOME10", "leaked"));
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 1, null), new CouponEvents.Disabled("p_1", "WELCOME10", "x"))
                .when(new CouponCommands.Disable(ID, "again")).expectException(violation(Rule.STATUS_CONFLICT)).expectNoEvents();
        new AggregateTestFixture<>(Coupon.class).given(created(TEN_DOLLARS, 100, 1, null))
                .when(new CouponCommands.Disable(ID, " ")).expectException(IllegalArgumentException.class).expectNoEvents();
    }

    /** A refusal by {@code rule}, not just any rule violation. */
    private static Matcher<RuleViolation> violation(Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal by rule " + rule);
            }
        };
    }
}
