package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;
import static io.chipledger.core.ledger.Posting.PLAYER_RESERVED;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.partner.SettlementPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per rule of game rounds (issue 11), each with the exact balances after, or no event at all for a refusal. */
class GameRoundsTest {

    private static final WalletId WALLET = new WalletId("p1", "player-1");
    private static final SettlementPolicy SINGLE = SettlementPolicy.SINGLE_WIN;
    private static final SettlementPolicy MULTI = SettlementPolicy.MULTI_WIN;
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private FixtureConfiguration<PlayerWallet> fixture;
    private final RecordedFates fates = new RecordedFates();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlayerWallet.class);
        fixture.registerInjectableResource(fates);
    }

    private static List<Posting> move(String from, String to, long amount) {
        return amount == 0 ? List.of() : List.of(new Posting(from, "USD", -amount), new Posting(to, "USD", amount));
    }

    private static Map<String, Balance> usd(long available) {
        return Map.of("USD", new Balance(available, 0));
    }

    private static Object[] funded(Object... more) {
        Object[] history = new Object[2 + more.length];
        history[0] = new WalletOpenedEvent(WALLET);
        history[1] = new FundsDepositedEvent(WALLET, "t-dep", "dep-1", "USD", 1_000,
                move("system:cashier", PLAYER_AVAILABLE, 1_000), usd(1_000));
        System.arraycopy(more, 0, history, 2, more.length);
        return history;
    }

    private static BetPlacedEvent bet(String betId, String roundId, long amount, long after) {
        return new BetPlacedEvent(WALLET, "t-" + betId, betId, "USD", amount, "slots", roundId,
                move(PLAYER_AVAILABLE, "system:house", amount), usd(after));
    }

    private static WinPaidEvent win(String winId, String roundId, long amount, List<String> settled, RoundClose close, long after) {
        return new WinPaidEvent(WALLET, "t-" + winId, winId, "USD", amount, "slots", roundId, settled, close,
                move("system:house", PLAYER_AVAILABLE, amount), usd(after));
    }

    private static PayWinCommand payWin(String winId, String roundId, long amount, String betId, boolean closed, SettlementPolicy policy) {
        return new PayWinCommand(WALLET, "t-" + winId, winId, "USD", amount, "slots", roundId, betId, closed, policy);
    }

    private static CustomTypeSafeMatcher<RuleViolation> refusedBy(Rule rule) {
        return new CustomTypeSafeMatcher<>("refused by " + rule) {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule() == rule;
            }
        };
    }

    @Test
    void aFreeRoundBetOfZeroIsAnEventThatMovesNothing() {
        fixture.given(funded())
                .when(new PlaceBetCommand(WALLET, "t-free", "free", "USD", 0, "slots", "r1"))
                .expectEvents(bet("free", "r1", 0, 1_000))
                .expectResultMessagePayload(new WalletReceipt(WALLET, "t-free", "USD", usd(1_000), 2));
    }

    @Test
    void aWinOfZeroClosesALostRoundUnderSingleWin() {
        fixture.given(funded(bet("b1", "r1", 100, 900)))
                .when(payWin("w1", "r1", 0, "b1", false, SINGLE))
                .expectEvents(win("w1", "r1", 0, List.of("b1"), RoundClose.ALL_BETS_SETTLED, 900));
    }

    @Test
    void aSecondWinNamingASettledBetIsRefusedUnderSingleWin() {
        fixture.given(funded(bet("b1", "r1", 100, 900), bet("b2", "r1", 50, 850), win("w1", "r1", 200, List.of("b1"), null, 1_050)))
                .when(payWin("w2", "r1", 200, "b1", false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.BET_ALREADY_SETTLED));
    }

    @Test
    void multiWinPaysSeveralWinsInAnOpenRoundUntilOneClosesIt() {
        Object[] history = funded(bet("b1", "r1", 100, 900), win("w1", "r1", 30, List.of("b1"), null, 930));
        fixture.given(history)
                .when(payWin("w2", "r1", 40, "b1", false, MULTI))
                .expectEvents(win("w2", "r1", 40, List.of(), null, 970));
        fixture.given(history)
                .when(payWin("w2", "r1", 40, null, true, MULTI))
                .expectEvents(win("w2", "r1", 40, List.of(), RoundClose.WIN_MARKED_CLOSED, 970));
    }

    @Test
    void aWinMarkedRoundClosedSettlesTheRoundsOpenBetsAsLost() {
        Object[] history = funded(bet("b1", "r1", 100, 900), bet("b2", "r1", 50, 850));
        fixture.given(history)
                .when(payWin("w1", "r1", 70, "b1", true, MULTI))
                .expectEvents(win("w1", "r1", 70, List.of("b1", "b2"), RoundClose.WIN_MARKED_CLOSED, 920));
        fixture.given(funded(bet("b1", "r1", 100, 900), bet("b2", "r1", 50, 850),
                        win("w1", "r1", 70, List.of("b1", "b2"), RoundClose.WIN_MARKED_CLOSED, 920)))
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb", "b2", MULTI))
                .expectNoEvents()
                .expectException(refusedBy(Rule.BET_ALREADY_SETTLED));
    }

    @Test
    void aMultiWinWinNamingABetSettledInAnotherRoundIsRefused() {
        fixture.given(funded(bet("a1", "rA", 100, 900), bet("b1", "rB", 100, 800), win("wA", "rA", 0, List.of("a1"), null, 800)))
                .when(payWin("wB", "rB", 700, "a1", false, MULTI))
                .expectNoEvents()
                .expectException(refusedBy(Rule.BET_ROUND_MISMATCH));
    }

    @Test
    void underSingleWinAWinThatWouldSettleNoBetIsRefused() {
        // The round was played under multi_win, its bet settled, and the partner switched to single_win.
        fixture.given(funded(bet("b1", "r1", 100, 900), win("w1", "r1", 50, List.of("b1"), null, 950)))
                .when(payWin("w2", "r1", 500, null, false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.BET_ALREADY_SETTLED));
    }

    @Test
    void aWinNamingABetTheWalletNeverTookIsRefused() {
        fixture.given(funded(bet("b1", "r1", 100, 900)))
                .when(payWin("w1", "r1", 500, "ghost", false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.UNKNOWN_BET));
    }

    @Test
    void aWinNamingABetOfAnotherRoundIsRefused() {
        fixture.given(funded(bet("b1", "r1", 100, 900), bet("b2", "r2", 100, 800)))
                .when(payWin("w1", "r2", 500, "b1", false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.BET_ROUND_MISMATCH));
    }

    @Test
    void aWinForARoundWithoutBetsIsRefused() {
        fixture.given(funded())
                .when(payWin("w1", "r9", 500, null, false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.UNKNOWN_ROUND));
    }

    @Test
    void aWinInAnotherAssetThanTheRoundsBetsIsRefused() {
        fixture.given(funded(bet("b1", "r1", 100, 900)))
                .when(new PayWinCommand(WALLET, "t-w1", "w1", "KRW", 500, "slots", "r1", null, false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_ASSET_MISMATCH));
    }

    @Test
    void aRoundWhoseOnlyBetWasRolledBackPaysNoWin() {
        BetRolledBackEvent rolledBackOpen = new BetRolledBackEvent(WALLET, "t-rb", "rb", "b1", "USD", 100, "slots", "r1", null,
                move("system:house", PLAYER_AVAILABLE, 100), usd(1_000));
        fixture.given(funded(bet("b1", "r1", 100, 900), rolledBackOpen))
                .when(payWin("w1", "r1", 400, null, false, MULTI))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_HAS_NO_LIVE_BET));
        BetRolledBackEvent rolledBackClosing = new BetRolledBackEvent(WALLET, "t-rb", "rb", "b1", "USD", 100, "slots", "r1",
                RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, 100), usd(1_000));
        fixture.given(funded(bet("b1", "r1", 100, 900), rolledBackClosing))
                .when(payWin("w1", "r1", 400, null, false, SINGLE))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_CLOSED));
    }

    @Test
    void aClosedRoundTakesNoMoreBets() {
        fixture.given(funded(bet("b1", "r1", 100, 900), win("w1", "r1", 0, List.of("b1"), RoundClose.ALL_BETS_SETTLED, 900)))
                .when(new PlaceBetCommand(WALLET, "t-b2", "b2", "USD", 10, "slots", "r1"))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_CLOSED));
    }

    @Test
    void aRollbackRefundsAnOpenBetAndClosesItsRoundWhenItWasTheLastUnderSingleWin() {
        fixture.given(funded(bet("b1", "r1", 100, 900)))
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb", "b1", SINGLE))
                .expectEvents(new BetRolledBackEvent(WALLET, "t-rb", "rb", "b1", "USD", 100, "slots", "r1", RoundClose.ALL_BETS_SETTLED,
                        move("system:house", PLAYER_AVAILABLE, 100), usd(1_000)));
    }

    @Test
    void aRollbackNamingAnotherKindOfTransactionSaysWhatItNames() {
        fates.used("dep-1", "a deposit");
        fixture.given(funded())
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb", "dep-1", SINGLE))
                .expectNoEvents()
                .expectExceptionMessage("transaction dep-1 is a deposit, not a bet of this wallet; a rollback names a bet");
    }

    @Test
    void theRoundTimeoutClosesARoundOnlyWhenItIsDue() {
        Instant lastActivity = T0;
        fixture.givenCurrentTime(lastActivity)
                .andGiven(funded(bet("b1", "r1", 100, 900)))
                .when(new TimeOutRoundCommand(WALLET, "t-to", "round-timeout:1", "slots", "r1",
                        lastActivity.plus(Duration.ofHours(24)).minusMillis(1), Duration.ofHours(24)))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_NOT_TIMED_OUT));
        fixture.givenCurrentTime(lastActivity)
                .andGiven(funded(bet("b1", "r1", 100, 900)))
                .when(new TimeOutRoundCommand(WALLET, "t-to", "round-timeout:1", "slots", "r1",
                        lastActivity.plus(Duration.ofHours(24)), Duration.ofHours(24)))
                .expectEvents(new RoundTimedOutEvent(WALLET, "t-to", "round-timeout:1", "slots", "r1", List.of("b1"), lastActivity));
    }

    @Test
    void openRoundsAreBounded() {
        Object[] bets = new Object[PlayerWallet.OPEN_ROUNDS_MAX];
        for (int i = 0; i < bets.length; i++) {
            bets[i] = bet("b" + i, "r" + i, 0, 1_000);
        }
        fixture.given(funded(bets))
                .when(new PlaceBetCommand(WALLET, "t-over", "over", "USD", 0, "slots", "r-over"))
                .expectNoEvents()
                .expectException(refusedBy(Rule.OPEN_ROUNDS_LIMIT));
    }

    @Test
    void aDecidedWithdrawalIsRefusedNamingItsDecision() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(WALLET, "t-w", "w-1", "USD", 30, T0.plusSeconds(3_600),
                List.of(new Posting(PLAYER_AVAILABLE, "USD", -30), new Posting(PLAYER_RESERVED, "USD", 30)),
                Map.of("USD", new Balance(970, 30)));
        WithdrawalApprovedEvent approved = new WithdrawalApprovedEvent(WALLET, "t-a", "a-1", "w-1", "USD", 30,
                List.of(new Posting(PLAYER_RESERVED, "USD", -30), new Posting("system:cashier", "USD", 30)), usd(970));
        fixture.given(funded(requested, approved))
                .when(new ReleaseWithdrawalCommand(WALLET, "t-r", "r-1", "w-1", WithdrawalRelease.REJECTED))
                .expectNoEvents()
                .expectException(new CustomTypeSafeMatcher<RuleViolation>("already approved") {
                    @Override
                    protected boolean matchesSafely(RuleViolation violation) {
                        return violation.rule() == Rule.WITHDRAWAL_ALREADY_DECIDED && "approved".equals(violation.details().get("decision"));
                    }
                });
    }

    @Test
    void aRoundClosureTheWalletForgotIsAnsweredFromTheDurableFates() {
        int rounds = PlayerWallet.CLOSED_ROUNDS_REMEMBERED + 1;
        Object[] history = new Object[rounds * 2];
        for (int i = 0; i < rounds; i++) {
            history[2 * i] = bet("b" + i, "r" + i, 0, 1_000);
            history[2 * i + 1] = win("w" + i, "r" + i, 0, List.of("b" + i), RoundClose.ALL_BETS_SETTLED, 1_000);
        }
        Object[] all = funded(history);
        fates.record(all);
        fixture.given(all)
                .when(new PlaceBetCommand(WALLET, "t-late", "late", "USD", 10, "slots", "r0"))
                .expectNoEvents()
                .expectException(refusedBy(Rule.ROUND_CLOSED));
    }

    @Test
    void aWithdrawalDecisionTheWalletForgotIsAnsweredFromTheDurableFates() {
        int decisions = PlayerWallet.DECIDED_WITHDRAWALS_REMEMBERED + 1;
        Object[] history = new Object[decisions * 2];
        for (int i = 0; i < decisions; i++) {
            history[2 * i] = new WithdrawalRequestedEvent(WALLET, "t-w" + i, "w-" + i, "USD", 1, T0.plusSeconds(3_600),
                    List.of(new Posting(PLAYER_AVAILABLE, "USD", -1), new Posting(PLAYER_RESERVED, "USD", 1)),
                    Map.of("USD", new Balance(999, 1)));
            history[2 * i + 1] = new WithdrawalReleasedEvent(WALLET, "t-c" + i, "c-" + i, "w-" + i, "USD", 1, WithdrawalRelease.CANCELLED,
                    List.of(new Posting(PLAYER_RESERVED, "USD", -1), new Posting(PLAYER_AVAILABLE, "USD", 1)), usd(1_000));
        }
        Object[] all = funded(history);
        fates.record(all);
        fixture.given(all)
                .when(new ApproveWithdrawalCommand(WALLET, "t-a", "a-0", "w-0"))
                .expectNoEvents()
                .expectExceptionMessage("withdrawal w-0 was already cancelled (transaction t-c0)");
    }

    @Test
    void aWalletThatForgotNothingDecidesFromMemoryAlone() {
        fixture.given(funded(bet("b1", "r1", 100, 900), win("w1", "r1", 0, List.of("b1"), RoundClose.ALL_BETS_SETTLED, 900)))
                .when(new PlaceBetCommand(WALLET, "t-b2", "b2", "USD", 10, "slots", "r2"))
                .expectEvents(bet("b2", "r2", 10, 890));
        org.assertj.core.api.Assertions.assertThat(fates.questions()).isZero();
    }
}
