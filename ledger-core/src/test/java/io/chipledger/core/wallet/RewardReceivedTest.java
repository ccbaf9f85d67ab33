package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reward (issue 20) as the wallet records it: promo pays the reward, the stake goes to promo, in one event. */
class RewardReceivedTest {

    private static final WalletId WALLET = new WalletId("p1", "player-1");
    private static final RewardSource DRAW = new RewardSource(RewardSource.Kind.DRAW, "pool_1");
    private static final AssetAmount ONE_TOKEN = new AssetAmount("DICE_TOKEN", 1);
    private static final AssetAmount FIFTY_COINS = new AssetAmount("CC_COIN", 50);

    private FixtureConfiguration<PlayerWallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PlayerWallet.class);
        fixture.registerInjectableResource(new RecordedFates());
    }

    @Test
    void aRewardOpensANewPlayersWalletFromThePromoAccount() {
        RewardSource coupon = new RewardSource(RewardSource.Kind.COUPON, "WELCOME10");
        fixture.givenNoPriorActivity()
                .when(new ReceiveRewardCommand(WALLET, "t-1", "redeem-1", coupon, null, new AssetAmount("USD", 1_000)))
                .expectEvents(new WalletOpenedEvent(WALLET), new RewardReceivedEvent(WALLET, "t-1", "redeem-1", coupon, null,
                        new AssetAmount("USD", 1_000), List.of(new Posting("system:promo", "USD", -1_000), new Posting(PLAYER_AVAILABLE, "USD", 1_000)),
                        Map.of("USD", new Balance(1_000, 0))));
    }

    @Test
    void theStakeGoesToPromoAndTheRewardComesFromItInOneEvent() {
        fixture.given(new WalletOpenedEvent(WALLET), granted(3))
                .when(new ReceiveRewardCommand(WALLET, "t-2", "box-1", DRAW, ONE_TOKEN, FIFTY_COINS))
                .expectEvents(new RewardReceivedEvent(WALLET, "t-2", "box-1", DRAW, ONE_TOKEN, FIFTY_COINS,
                        List.of(new Posting(PLAYER_AVAILABLE, "DICE_TOKEN", -1), new Posting("system:promo", "DICE_TOKEN", 1),
                                new Posting("system:promo", "CC_COIN", -50), new Posting(PLAYER_AVAILABLE, "CC_COIN", 50)),
                        Map.of("DICE_TOKEN", new Balance(2, 0), "CC_COIN", new Balance(50, 0))));
    }

    @Test
    void aDrawThatGaveNothingStillTakesItsStake() {
        fixture.given(new WalletOpenedEvent(WALLET), granted(1))
                .when(new ReceiveRewardCommand(WALLET, "t-3", "box-2", DRAW, ONE_TOKEN, null))
                .expectEvents(new RewardReceivedEvent(WALLET, "t-3", "box-2", DRAW, ONE_TOKEN, null,
                        List.of(new Posting(PLAYER_AVAILABLE, "DICE_TOKEN", -1), new Posting("system:promo", "DICE_TOKEN", 1)),
                        Map.of("DICE_TOKEN", new Balance(0, 0))));
    }

    @Test
    void aRewardNeverPaysItsOwnStake() {
        fixture.given(new WalletOpenedEvent(WALLET))
                .when(new ReceiveRewardCommand(WALLET, "t-4", "box-3", DRAW, ONE_TOKEN, new AssetAmount("DICE_TOKEN", 100)))
                .expectNoEvents()
                .expectException(refusedFor(Rule.INSUFFICIENT_FUNDS));
    }

    @Test
    void aFrozenWalletReceivesNothing() {
        fixture.given(new WalletOpenedEvent(WALLET), new WalletFrozenEvent(WALLET, "aml review"))
                .when(new ReceiveRewardCommand(WALLET, "t-5", "redeem-2", DRAW, null, FIFTY_COINS))
                .expectNoEvents()
                .expectException(refusedFor(Rule.WALLET_FROZEN));
    }

    private static CustomTypeSafeMatcher<RuleViolation> refusedFor(Rule rule) {
        return new CustomTypeSafeMatcher<>("refused for " + rule) {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.rule() == rule;
            }
        };
    }

    private static TokensGrantedEvent granted(long amount) {
        return new TokensGrantedEvent(WALLET, "t-grant", "grant-1", "DICE_TOKEN", amount, "welcome", null,
                List.of(new Posting("system:promo", "DICE_TOKEN", -amount), new Posting(PLAYER_AVAILABLE, "DICE_TOKEN", amount)),
                Map.of("DICE_TOKEN", new Balance(amount, 0)));
    }
}
