package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;
import static io.chipledger.core.ledger.Posting.PLAYER_RESERVED;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.chipledger.core.partner.SettlementPolicy;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlayerWalletTest {

    private static final WalletId WALLET = new WalletId("p1", "player-1");
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private FixtureConfiguration<PlayerWallet> fixture;
    private final RecordedFates fates = new RecordedFates();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlayerWallet.class);
        fixture.registerInjectableResource(fates);
    }

    private static List<Posting> move(String from, String to, String asset, long amount) {
        return List.of(new Posting(from, asset, -amount), new Posting(to, asset, amount));
    }

    private static Map<String, Balance> usd(long available, long reserved) {
        return Map.of("USD", new Balance(available, reserved));
    }

    private static FundsDepositedEvent deposited(long amount, long balanceAfter) {
        return new FundsDepositedEvent(WALLET, "t-dep", "dep-1", "USD", amount,
                move("system:cashier", PLAYER_AVAILABLE, "USD", amount), usd(balanceAfter, 0));
    }

    private static BetPlacedEvent betPlaced(String betId, long amount, long balanceAfter) {
        return new BetPlacedEvent(WALLET, "t-" + betId, betId, "USD", amount, "slots", "round-1",
                move(PLAYER_AVAILABLE, "system:house", "USD", amount), usd(balanceAfter, 0));
    }

    @Test
    void aFirstDepositOpensTheWallet() {
        fixture.givenNoPriorActivity()
                .when(new DepositFundsCommand(WALLET, "t-dep", "dep-1", "USD", 10_000))
                .expectEvents(new WalletOpenedEvent(WALLET), deposited(10_000, 10_000))
                .expectResultMessagePayload(new WalletReceipt(WALLET, "t-dep", "USD", usd(10_000, 0), 1));
    }

    @Test
    void aLaterDepositAddsToTheBalance() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(10_000, 10_000))
                .when(new DepositFundsCommand(WALLET, "t-2", "dep-2", "USD", 50))
                .expectEvents(new FundsDepositedEvent(WALLET, "t-2", "dep-2", "USD", 50,
                        move("system:cashier", PLAYER_AVAILABLE, "USD", 50), usd(10_050, 0)));
    }

    @Test
    void cannotBetOnAWalletThatWasNeverOpened() {
        fixture.givenNoPriorActivity()
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-1", "USD", 100, "slots", "round-1"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aBetDebitsTheWalletAndCreditsTheHouse() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(10_000, 10_000))
                .when(new PlaceBetCommand(WALLET, "t-bet-1", "bet-1", "USD", 1_050, "slots", "round-1"))
                .expectEvents(betPlaced("bet-1", 1_050, 8_950));
    }

    @Test
    void cannotBetMoreThanTheAvailableBalance() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-1", "USD", 101, "slots", "round-1"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("insufficient funds: 100 minor units of USD available");
    }

    @Test
    void cannotBetInAnAssetTheWalletDoesNotHold() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-1", "EUR", 1, "slots", "round-1"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aFrozenWalletRefusesBetsAndWithdrawals() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), new WalletFrozenEvent(WALLET, "aml"))
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-1", "USD", 1, "slots", "round-1"))
                .expectNoEvents()
                .expectExceptionMessage("wallet p1:player-1 is frozen and refuses debits");
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), new WalletFrozenEvent(WALLET, "aml"))
                .when(new WithdrawFundsCommand(WALLET, "t-w", "w-1", "USD", 1))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aFrozenWalletStillPaysWinsAndRollbacks() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60),
                        new WalletFrozenEvent(WALLET, "aml"))
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb-1", "bet-1", SettlementPolicy.SINGLE_WIN))
                .expectEvents(new BetRolledBackEvent(WALLET, "t-rb", "rb-1", "bet-1", "USD", 40, "slots", "round-1",
                        RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 40), usd(100, 0)));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60),
                        new WalletFrozenEvent(WALLET, "aml"))
                .when(new PayWinCommand(WALLET, "t-win", "win-1", "USD", 500, "slots", "round-1", null, false, SettlementPolicy.SINGLE_WIN))
                .expectEvents(new WinPaidEvent(WALLET, "t-win", "win-1", "USD", 500, "slots", "round-1", List.of("bet-1"),
                        RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 500), usd(560, 0)));
    }

    @Test
    void aWinNamingItsBetSettlesIt() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60))
                .when(new PayWinCommand(WALLET, "t-win", "win-1", "USD", 80, "slots", "round-1", "bet-1", false, SettlementPolicy.SINGLE_WIN))
                .expectEvents(new WinPaidEvent(WALLET, "t-win", "win-1", "USD", 80, "slots", "round-1", List.of("bet-1"),
                        RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 80), usd(140, 0)));
    }

    @Test
    void aWinWithoutABetSettlesTheOpenBetsOfItsRound() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60), betPlaced("bet-2", 10, 50))
                .when(new PayWinCommand(WALLET, "t-win", "win-1", "USD", 5, "slots", "round-1", null, false, SettlementPolicy.SINGLE_WIN))
                .expectEvents(new WinPaidEvent(WALLET, "t-win", "win-1", "USD", 5, "slots", "round-1", List.of("bet-1", "bet-2"),
                        RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 5), usd(55, 0)));
    }

    @Test
    void aSettledBetCannotBeRolledBack() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60),
                        new WinPaidEvent(WALLET, "t-win", "win-1", "USD", 80, "slots", "round-1", List.of("bet-1"),
                                RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 80), usd(140, 0)))
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb-1", "bet-1", SettlementPolicy.SINGLE_WIN))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void rollingBackTwiceRefundsOnceAndAnswersTheFirstRollback() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60),
                        new BetRolledBackEvent(WALLET, "t-rb", "rb-1", "bet-1", "USD", 40, "slots", "round-1",
                                RoundClose.ALL_BETS_SETTLED, move("system:house", PLAYER_AVAILABLE, "USD", 40), usd(100, 0)))
                .when(new RollbackBetCommand(WALLET, "t-rb-2", "rb-2", "bet-1", SettlementPolicy.SINGLE_WIN))
                .expectNoEvents()
                .expectResultMessagePayload(new WalletReceipt(WALLET, "t-rb", "USD", usd(100, 0), 3));
    }

    @Test
    void aRollbackOfAnUnknownBetIsRecordedAndTheLateBetIsRefused() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new RollbackBetCommand(WALLET, "t-rb", "rb-1", "bet-late", SettlementPolicy.SINGLE_WIN))
                .expectEvents(new UnknownBetRollbackRecordedEvent(WALLET, "t-rb", "rb-1", "bet-late"));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100),
                        new UnknownBetRollbackRecordedEvent(WALLET, "t-rb", "rb-1", "bet-late"))
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-late", "USD", 10, "slots", "round-1"))
                .expectNoEvents()
                .expectExceptionMessage("bet bet-late was rolled back before it arrived and is refused");
    }

    @Test
    void aWinForARolledBackBetIsRefused() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100),
                        new UnknownBetRollbackRecordedEvent(WALLET, "t-rb", "rb-1", "bet-1"))
                .when(new PayWinCommand(WALLET, "t-win", "win-1", "USD", 80, "slots", "round-1", "bet-1", false, SettlementPolicy.SINGLE_WIN))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void theSameBetIdIsRecordedOnce() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), betPlaced("bet-1", 40, 60))
                .when(new PlaceBetCommand(WALLET, "t-b2", "bet-1", "USD", 10, "slots", "round-1"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void openBetsAreBounded() {
        Object[] history = new Object[2 + PlayerWallet.OPEN_BETS_MAX];
        history[0] = new WalletOpenedEvent(WALLET);
        history[1] = deposited(1_000_000, 1_000_000);
        for (int i = 0; i < PlayerWallet.OPEN_BETS_MAX; i++) {
            history[2 + i] = betPlaced("bet-" + i, 1, 1_000_000 - i - 1);
        }
        fixture.given(history)
                .when(new PlaceBetCommand(WALLET, "t-over", "bet-over", "USD", 1, "slots", "round-1"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anImmediateWithdrawalPaysOutToTheCashier() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new WithdrawFundsCommand(WALLET, "t-w", "w-1", "USD", 30))
                .expectEvents(new FundsWithdrawnEvent(WALLET, "t-w", "w-1", "USD", 30,
                        move(PLAYER_AVAILABLE, "system:cashier", "USD", 30), usd(70, 0)));
    }

    @Test
    void aTwoPhaseWithdrawalReservesThenPaysOut() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(WALLET, "t-w", "w-1", "USD", 30, LATER,
                move(PLAYER_AVAILABLE, PLAYER_RESERVED, "USD", 30), usd(70, 30));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new RequestWithdrawalCommand(WALLET, "t-w", "w-1", "USD", 30, LATER))
                .expectEvents(requested);
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested)
                .when(new ApproveWithdrawalCommand(WALLET, "t-a", "a-1", "w-1"))
                .expectEvents(new WithdrawalApprovedEvent(WALLET, "t-a", "a-1", "w-1", "USD", 30,
                        move(PLAYER_RESERVED, "system:cashier", "USD", 30), usd(70, 0)));
    }

    @Test
    void aRejectedWithdrawalReleasesTheReservedAmount() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(WALLET, "t-w", "w-1", "USD", 30, LATER,
                move(PLAYER_AVAILABLE, PLAYER_RESERVED, "USD", 30), usd(70, 30));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested)
                .when(new ReleaseWithdrawalCommand(WALLET, "t-r", "r-1", "w-1", WithdrawalRelease.REJECTED))
                .expectEvents(new WithdrawalReleasedEvent(WALLET, "t-r", "r-1", "w-1", "USD", 30, WithdrawalRelease.REJECTED,
                        move(PLAYER_RESERVED, PLAYER_AVAILABLE, "USD", 30), usd(100, 0)));
    }

    @Test
    void aWithdrawalExpiresOnlyAtItsOwnDeadlineWhateverTheSweeperWasTold() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(WALLET, "t-w", "w-1", "USD", 30, LATER,
                move(PLAYER_AVAILABLE, PLAYER_RESERVED, "USD", 30), usd(70, 30));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested)
                .when(new ExpireWithdrawalCommand(WALLET, "t-e", "expiry:1", "w-1", LATER.minusMillis(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("withdrawal w-1 expires at " + LATER + ", not before");
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested)
                .when(new ExpireWithdrawalCommand(WALLET, "t-e", "expiry:1", "w-1", LATER))
                .expectEvents(new WithdrawalReleasedEvent(WALLET, "t-e", "expiry:1", "w-1", "USD", 30, WithdrawalRelease.EXPIRED,
                        move(PLAYER_RESERVED, PLAYER_AVAILABLE, "USD", 30), usd(100, 0)));
    }

    @Test
    void aReservedAmountCannotBeBetOrReleasedTwice() {
        WithdrawalRequestedEvent requested = new WithdrawalRequestedEvent(WALLET, "t-w", "w-1", "USD", 30, LATER,
                move(PLAYER_AVAILABLE, PLAYER_RESERVED, "USD", 30), usd(70, 30));
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested)
                .when(new PlaceBetCommand(WALLET, "t-b", "bet-1", "USD", 71, "slots", "round-1"))
                .expectException(RuleViolation.class);
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), requested,
                        new WithdrawalReleasedEvent(WALLET, "t-r", "r-1", "w-1", "USD", 30, WithdrawalRelease.CANCELLED,
                                move(PLAYER_RESERVED, PLAYER_AVAILABLE, "USD", 30), usd(100, 0)))
                .when(new ApproveWithdrawalCommand(WALLET, "t-a", "a-1", "w-1"))
                .expectNoEvents()
                .expectExceptionMessage("withdrawal w-1 was already cancelled (transaction t-r)");
    }

    @Test
    void anAdjustmentNeverTakesTheBalanceBelowZero() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new AdjustBalanceCommand(WALLET, "t-adj", "adj-1", "USD", -101, "chargeback"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new AdjustBalanceCommand(WALLET, "t-adj", "adj-1", "USD", -100, "chargeback"))
                .expectEvents(new BalanceAdjustedEvent(WALLET, "t-adj", "adj-1", "USD", -100, "chargeback",
                        move(PLAYER_AVAILABLE, "system:adjustment", "USD", 100), usd(0, 0)));
    }

    @Test
    void freezingIsIdempotentAndUnfreezingRestoresDebits() {
        fixture.given(new WalletOpenedEvent(WALLET), new WalletFrozenEvent(WALLET, "aml"))
                .when(new FreezeWalletCommand(WALLET, "again"))
                .expectNoEvents();
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100), new WalletFrozenEvent(WALLET, "aml"),
                        new WalletUnfrozenEvent(WALLET, "cleared"))
                .when(new PlaceBetCommand(WALLET, "t-bet-1", "bet-1", "USD", 10, "slots", "round-1"))
                .expectEvents(betPlaced("bet-1", 10, 90));
    }

    @Test
    void aRefusalCarriesTheRuleAndTheAvailableBalance() {
        fixture.given(new WalletOpenedEvent(WALLET), deposited(100, 100))
                .when(new WithdrawFundsCommand(WALLET, "t-w", "w-1", "USD", 500))
                .expectException(new CustomTypeSafeMatcher<RuleViolation>("insufficient funds with 100 available") {
                    @Override
                    protected boolean matchesSafely(RuleViolation violation) {
                        return violation.rule() == Rule.INSUFFICIENT_FUNDS
                                && Long.valueOf(100).equals(violation.details().get("available_minor"));
                    }
                });
    }

    @Test
    void aBalanceCannotGrowPastTheWalletsLimit() {
        long large = 1_000_000_000_000_000_000L;
        fixture.given(new WalletOpenedEvent(WALLET), deposited(large, PlayerWallet.BALANCE_MINOR_MAX))
                .when(new DepositFundsCommand(WALLET, "t-2", "dep-2", "USD", 1))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void pendingWithdrawalsAreBounded() {
        Object[] history = new Object[2 + PlayerWallet.PENDING_WITHDRAWALS_MAX];
        history[0] = new WalletOpenedEvent(WALLET);
        history[1] = deposited(1_000_000, 1_000_000);
        for (int i = 0; i < PlayerWallet.PENDING_WITHDRAWALS_MAX; i++) {
            history[2 + i] = new WithdrawalRequestedEvent(WALLET, "t-w" + i, "w-" + i, "USD", 1, LATER,
                    move(PLAYER_AVAILABLE, PLAYER_RESERVED, "USD", 1), usd(1_000_000 - i - 1, i + 1));
        }
        fixture.given(history)
                .when(new RequestWithdrawalCommand(WALLET, "t-over", "w-over", "USD", 1, LATER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aClosureTheWalletForgotIsAnsweredFromTheDurableFates() {
        Object[] history = new Object[2 + PlayerWallet.CLOSED_BETS_REMEMBERED + 1];
        history[0] = new WalletOpenedEvent(WALLET);
        history[1] = deposited(100, 100);
        for (int i = 0; i <= PlayerWallet.CLOSED_BETS_REMEMBERED; i++) {
            history[2 + i] = new UnknownBetRollbackRecordedEvent(WALLET, "t-rb" + i, "rb-" + i, "bet-" + i);
        }
        fates.record(history);
        fixture.given(history)
                .when(new PlaceBetCommand(WALLET, "t-bet-0", "bet-0", "USD", 10, "slots", "round-1"))
                .expectNoEvents()
                .expectExceptionMessage("bet bet-0 was rolled back before it arrived and is refused");
        fixture.given(history)
                .when(new PlaceBetCommand(WALLET, "t-bet-new", "bet-new", "USD", 10, "slots", "round-1"))
                .expectEvents(new BetPlacedEvent(WALLET, "t-bet-new", "bet-new", "USD", 10, "slots", "round-1",
                        move(PLAYER_AVAILABLE, "system:house", "USD", 10), usd(90, 0)));
    }

    @Test
    void aGrantOpensANewPlayersWalletFromThePromoAccount() {
        fixture.givenNoPriorActivity()
                .when(new GrantTokensCommand(WALLET, "t-grant", "grant-1", "DICE_TOKEN", 10, "welcome", "signup"))
                .expectEvents(new WalletOpenedEvent(WALLET), new TokensGrantedEvent(WALLET, "t-grant", "grant-1", "DICE_TOKEN", 10,
                        "welcome", "signup", move("system:promo", PLAYER_AVAILABLE, "DICE_TOKEN", 10),
                        Map.of("DICE_TOKEN", new Balance(10, 0))));
    }

    @Test
    void aPlayPostsItsStakeAndEveryRewardInOneEvent() {
        fixture.given(new WalletOpenedEvent(WALLET), granted(10))
                .when(new RecordPlayCommand(WALLET, "t-play", "round-1", Game.DICE, "dice-7", new AssetAmount("DICE_TOKEN", 2),
                        List.of(new AssetAmount("CC_COIN", 50), new AssetAmount("DICE_TOKEN", 1)), Map.of("result", "WIN"), "ev-1"))
                .expectEvents(new PlayRecordedEvent(WALLET, "t-play", "round-1", Game.DICE, "dice-7", new AssetAmount("DICE_TOKEN", 2),
                        List.of(new AssetAmount("CC_COIN", 50), new AssetAmount("DICE_TOKEN", 1)), Map.of("result", "WIN"), "ev-1",
                        List.of(new Posting(PLAYER_AVAILABLE, "DICE_TOKEN", -2), new Posting("system:house", "DICE_TOKEN", 2),
                                new Posting("system:house", "CC_COIN", -50), new Posting(PLAYER_AVAILABLE, "CC_COIN", 50),
                                new Posting("system:house", "DICE_TOKEN", -1), new Posting(PLAYER_AVAILABLE, "DICE_TOKEN", 1)),
                        Map.of("DICE_TOKEN", new Balance(9, 0), "CC_COIN", new Balance(50, 0))));
    }

    @Test
    void aRewardNeverPaysItsOwnStake() {
        fixture.given(new WalletOpenedEvent(WALLET), granted(1))
                .when(new RecordPlayCommand(WALLET, "t-play", "round-1", Game.ROULETTE, null, new AssetAmount("DICE_TOKEN", 2),
                        List.of(new AssetAmount("DICE_TOKEN", 100)), Map.of(), "ev-1"))
                .expectNoEvents()
                .expectException(new CustomTypeSafeMatcher<RuleViolation>("insufficient funds") {
                    @Override
                    protected boolean matchesSafely(RuleViolation violation) {
                        return violation.rule() == Rule.INSUFFICIENT_FUNDS;
                    }
                });
    }

    private static TokensGrantedEvent granted(long amount) {
        return new TokensGrantedEvent(WALLET, "t-grant", "grant-1", "DICE_TOKEN", amount, "welcome", null,
                move("system:promo", PLAYER_AVAILABLE, "DICE_TOKEN", amount), Map.of("DICE_TOKEN", new Balance(amount, 0)));
    }
}
