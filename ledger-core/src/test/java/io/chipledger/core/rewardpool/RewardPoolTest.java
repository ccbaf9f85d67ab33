package io.chipledger.core.rewardpool;

import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.AssetAmount;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reward pool (issue 20): made whole or not at all, a draw records its seed and inputs and
 * takes one of a limited item, an item with none left is never drawn, an empty or closed pool
 * refuses, and a free draw asks no stake.
 */
class RewardPoolTest {

    private static final String POOL = "pool_00000000000000a1";
    private static final String SEED = "536bdfbeea62d9b35d38523d7307c76a8c8fe9fad601614c161a4fee882e8fe7";
    private static final AssetAmount STAKE = new AssetAmount("DICE_TOKEN", 1);
    private static final AssetAmount FIFTY = new AssetAmount("CC_COIN", 50);
    private static final List<RewardPoolItem> CHEST = List.of(new RewardPoolItem("gold", 5, new AssetAmount("CC_COIN", 500), 10L),
            new RewardPoolItem("silver", 35, FIFTY, null), new RewardPoolItem("blank", 60, null, null));

    private AggregateTestFixture<RewardPool> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(RewardPool.class);
    }

    private static RewardPoolCreatedEvent created(List<RewardPoolItem> items) {
        return new RewardPoolCreatedEvent("p_1", POOL, "Autumn chest", items, STAKE);
    }

    private static DrawRewardCommand draw(String transactionId, boolean chargeStake) {
        return new DrawRewardCommand("p_1", POOL, transactionId, "box-" + transactionId, "alice", SEED, chargeStake);
    }

    private static RewardDrawnEvent drawn(String transactionId, List<FairDraw.Candidate> inputs, String itemId, long roll, long total,
                                          AssetAmount reward) {
        return new RewardDrawnEvent("p_1", POOL, transactionId, "box-" + transactionId, "alice", SEED, inputs, itemId, roll, total, reward,
                STAKE);
    }

    @Test
    void aPoolIsCreatedWithItsItemsInOrder() {
        fixture.givenNoPriorActivity()
                .when(new CreateRewardPoolCommand("p_1", POOL, new RewardPoolDefinition(" Autumn chest ", CHEST, STAKE)))
                .expectEvents(created(CHEST));
    }

    @Test
    void aPoolThatDoesNotHoldIsNotCreated() {
        List<RewardPoolItem> twice = List.of(new RewardPoolItem("gold", 5, FIFTY, null), new RewardPoolItem("gold", 5, FIFTY, null));
        fixture.givenNoPriorActivity()
                .when(new CreateRewardPoolCommand("p_1", POOL, new RewardPoolDefinition("Twice", twice, null)))
                .expectException(InvalidRewardPoolException.class).expectExceptionMessage(Matchers.startsWith("items[1].item_id"));
        List<RewardPoolItem> heavy = List.of(new RewardPoolItem("a", 600_000_000, FIFTY, null), new RewardPoolItem("b", 400_000_001, null, null));
        fixture.givenNoPriorActivity()
                .when(new CreateRewardPoolCommand("p_1", POOL, new RewardPoolDefinition("Heavy", heavy, null)))
                .expectException(InvalidRewardPoolException.class).expectExceptionMessage(Matchers.startsWith("items[1].weight"));
        fixture.givenNoPriorActivity()
                .when(new CreateRewardPoolCommand("p_1", POOL, new RewardPoolDefinition("Blanks", List.of(new RewardPoolItem("x", 1, null, null)), null)))
                .expectException(InvalidRewardPoolException.class);
    }

    @Test
    void aDrawRecordsItsSeedAndInputsAndTheItemTheyPick() {
        List<FairDraw.Candidate> inputs = List.of(new FairDraw.Candidate("gold", 5, 10L), new FairDraw.Candidate("silver", 35, null),
                new FairDraw.Candidate("blank", 60, null));
        fixture.given(created(CHEST))
                .when(draw("t1", true))
                .expectEvents(drawn("t1", inputs, "silver", 19, 100, FIFTY))
                .expectResultMessagePayload(new RewardDrawReceipt(RewardPool.idOf("p_1", POOL), 1, POOL, "t1", "alice", "silver", FIFTY, STAKE,
                        SEED, 19, 100, null));
    }

    @Test
    void theLastOfAnItemIsDrawnOnceAndThenTheOddsAreOverTheOthers() {
        List<RewardPoolItem> lastGold = List.of(new RewardPoolItem("gold", 5, FIFTY, 1L), new RewardPoolItem("blank", 95, null, null));
        List<FairDraw.Candidate> before = List.of(new FairDraw.Candidate("gold", 5, 1L), new FairDraw.Candidate("blank", 95, null));
        List<FairDraw.Candidate> after = List.of(new FairDraw.Candidate("gold", 5, 0L), new FairDraw.Candidate("blank", 95, null));
        FairDraw.Pick pick = FairDraw.pick(SEED, after);
        fixture.given(created(lastGold), drawn("t0", before, "gold", 3, 100, FIFTY))
                .when(draw("t1", true))
                .expectEvents(drawn("t1", after, "blank", pick.roll(), 95, null));
    }

    @Test
    void aPoolWithNothingLeftOrClosedRefusesADraw() {
        List<RewardPoolItem> oneGold = List.of(new RewardPoolItem("gold", 5, FIFTY, 1L));
        fixture.given(created(oneGold), drawn("t0", List.of(new FairDraw.Candidate("gold", 5, 1L)), "gold", 3, 5, FIFTY))
                .when(draw("t1", true))
                .expectException(RuleViolation.class).expectExceptionMessage(Matchers.containsString("nothing left"));
        fixture.given(created(CHEST), new RewardPoolClosedEvent("p_1", POOL))
                .when(draw("t1", true))
                .expectException(RuleViolation.class).expectExceptionMessage(Matchers.containsString("closed"));
    }

    @Test
    void aFreeDrawAsksNoStake() {
        fixture.given(created(CHEST))
                .when(draw("t1", false))
                .expectEvents(new RewardDrawnEvent("p_1", POOL, "t1", "box-t1", "alice", SEED, List.of(new FairDraw.Candidate("gold", 5, 10L),
                        new FairDraw.Candidate("silver", 35, null), new FairDraw.Candidate("blank", 60, null)), "silver", 19, 100, FIFTY, null));
    }

    @Test
    void closingIsRecordedOnce() {
        fixture.given(created(CHEST)).when(new CloseRewardPoolCommand("p_1", POOL)).expectEvents(new RewardPoolClosedEvent("p_1", POOL));
        fixture.given(created(CHEST), new RewardPoolClosedEvent("p_1", POOL)).when(new CloseRewardPoolCommand("p_1", POOL)).expectNoEvents()
                .expectException(RuleViolation.class).expectExceptionMessage(Matchers.containsString("closed already"));
    }
}
