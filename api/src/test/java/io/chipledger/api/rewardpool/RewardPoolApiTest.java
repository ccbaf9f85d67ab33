package io.chipledger.api.rewardpool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.core.rewardpool.FairDraw;
import io.chipledger.core.rewardpool.RewardDrawReceipt;
import io.chipledger.core.rewardpool.RewardDrawnEvent;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.projections.rewardpool.RewardPoolProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reward pools through the API (issue 20): staff make and close pools, the odds published equal
 * the weights, a draw pays the stake and credits the item in one step that a retry answers again,
 * stock never goes below zero under concurrent draws, and every draw recomputes from the history.
 */
class RewardPoolApiTest extends LedgerApiTest {

    /** Gold (5, 3 in stock), silver (35, unlimited), a blank (60); one DICE_TOKEN to open. */
    static final String CHEST = "{\"name\":\"Autumn chest\",\"items\":["
            + "{\"item_id\":\"gold\",\"weight\":5,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"500\"},\"stock\":3},"
            + "{\"item_id\":\"silver\",\"weight\":35,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"50\"}},"
            + "{\"item_id\":\"blank\",\"weight\":60}],"
            + "\"stake\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"1\"}}";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private RewardPoolProjection projection;
    @Autowired
    private WalletCommands commands;
    @Autowired
    private RewardDraws draws;

    private Reply as(String adminKey, String method, String path, String body) {
        return client.send(method, path, body, "X-Admin-Key", adminKey);
    }

    private Reply draw(String apiKey, String player, String poolId, String key) {
        return client.post(apiKey, "/api/v1/players/" + player + "/reward-draws",
                "{\"pool_id\":\"" + poolId + "\",\"transaction_id_partner\":\"" + key + "\"}");
    }

    private String newPool(String partnerId, String body) {
        Reply created = client.admin("POST", "/admin/v1/partners/" + partnerId + "/reward-pools", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.text("pool_id");
    }

    @Test
    void marketingMakesAPoolSupportReadsItAndThePublishedOddsAreTheWeights() {
        String[] partner = client.newPartner();
        String marketing = client.newAdminKey("Mia Marketing", "marketing")[1];
        String support = client.newAdminKey("Sam Support", "support")[1];
        String pools = "/admin/v1/partners/" + partner[0] + "/reward-pools";

        Reply created = as(marketing, "POST", pools, CHEST);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String poolId = created.text("pool_id");
        assertThat(poolId).matches(RewardPool.POOL_ID);
        assertThat(created.text("created_by")).startsWith("admin-key:");
        assertThat(as(support, "GET", pools, null).body().at("/pools/0/pool_id").asText()).isEqualTo(poolId);
        assertThat(as(support, "POST", pools, CHEST).status()).isEqualTo(403);

        Reply odds = client.get(partner[1], "/api/v1/reward-pools/" + poolId);
        assertThat(odds.status()).as(odds.raw()).isEqualTo(200);
        assertThat(odds.body().path("total_weight").asLong()).isEqualTo(100);
        assertThat(odds.text("status")).isEqualTo("open");
        assertThat(odds.body().at("/stake/asset").asText()).isEqualTo("DICE_TOKEN");
        Map<String, String[]> published = new HashMap<>();
        odds.body().path("items").forEach(item -> published.put(item.path("item_id").asText(),
                new String[] {item.path("probability").asText(), item.path("probability_decimal").asText(), item.path("remaining").asText("no limit")}));
        assertThat(published.get("gold")).containsExactly("5/100", "0.050000", "3");
        assertThat(published.get("silver")).containsExactly("35/100", "0.350000", "no limit");
        assertThat(published.get("blank")).containsExactly("60/100", "0.600000", "no limit");
        // The fraction is the weight over the weights' sum, for every item.
        for (JsonNode item : odds.body().path("items")) {
            assertThat(item.path("probability").asText()).isEqualTo(item.path("weight").asLong() + "/" + odds.body().path("total_weight").asLong());
        }

        Reply closed = as(marketing, "POST", pools + "/" + poolId + "/close", null);
        assertThat(closed.text("status")).as(closed.raw()).isEqualTo("closed");
        assertThat(as(support, "GET", pools + "/" + poolId, null).text("closed_by")).startsWith("admin-key:");
        Reply again = as(marketing, "POST", pools + "/" + poolId + "/close", null);
        assertThat(again.status()).as("no 2xx for a close that changed nothing").isEqualTo(409);
        assertThat(again.text("type")).endsWith("/status-conflict");
        client.grantTokens(partner[0], "cleo", "DICE_TOKEN", "1", "grant-1");
        Reply refused = draw(partner[1], "cleo", poolId, "box-1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).endsWith("/reward-pool-closed");
    }

    @Test
    void aDrawPaysTheStakeCreditsTheItemAndARetryAnswersTheSameDrawOnce() {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], CHEST);
        client.grantTokens(partner[0], "ann", "DICE_TOKEN", "2", "grant-1");

        Reply first = draw(partner[1], "ann", poolId, "box-1");
        Reply again = draw(partner[1], "ann", poolId, "box-1");

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().at("/stake/amount").asText()).isEqualTo("1");
        assertThat(first.body().at("/balances/DICE_TOKEN/available").asText()).isEqualTo("1");
        String item = first.text("item_id");
        String credited = Map.of("gold", "500", "silver", "50", "blank", "0").get(item);
        assertThat(first.body().at("/balances/CC_COIN/available").asText("0")).isEqualTo(credited);
        assertThat(first.text("seed")).matches("[0-9a-f]{64}");
        assertThat(again.replayed()).isTrue();
        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(eventsOf(RewardPool.idOf(partner[0], poolId), "rewardpool.RewardDrawnEvent")).isEqualTo(1);
        assertThat(eventCount(partner[0], "ann", "wallet.RewardReceivedEvent")).isEqualTo(1);

        Reply otherPool = client.post(partner[1], "/api/v1/players/ann/reward-draws",
                "{\"pool_id\":\"pool_0000000000000000\",\"transaction_id_partner\":\"box-1\"}");
        assertThat(otherPool.status()).isEqualTo(409);
        assertThat(otherPool.text("type")).endsWith("/idempotency-key-reused");
        Reply otherPlayer = draw(partner[1], "bob", poolId, "box-1");
        assertThat(otherPlayer.status()).isEqualTo(409);
        assertThat(eventsOf(RewardPool.idOf(partner[0], poolId), "rewardpool.RewardDrawnEvent")).isEqualTo(1);
    }

    @Test
    void aStakeThePlayerCannotPayStoresNothing() {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], CHEST);

        Reply refused = draw(partner[1], "dan", poolId, "box-1");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/insufficient-funds");
        assertThat(eventsOf(RewardPool.idOf(partner[0], poolId), "rewardpool.RewardDrawnEvent")).isZero();
        assertThat(eventCount(partner[0], "dan")).isZero();
        assertThat(storedKeys(partner[0])).isZero();
        Reply pool = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/reward-pools/" + poolId, null);
        assertThat(pool.body().path("draws").asLong()).isZero();
        assertThat(pool.body().at("/items/0/remaining").asLong()).isEqualTo(3);
        // The key stored nothing, so it may be used again once the player can pay.
        client.grantTokens(partner[0], "dan", "DICE_TOKEN", "1", "grant-1");
        assertThat(draw(partner[1], "dan", poolId, "box-1").status()).isEqualTo(200);
    }

    @Test
    void anotherPartnersPoolIsUnknown() {
        String[] owner = client.newPartner();
        String[] other = client.newPartner();
        String poolId = newPool(owner[0], CHEST);
        client.grantTokens(other[0], "eve", "DICE_TOKEN", "1", "grant-1");

        Reply drawn = draw(other[1], "eve", poolId, "box-1");
        Reply odds = client.get(other[1], "/api/v1/reward-pools/" + poolId);
        Reply unknown = client.get(other[1], "/api/v1/reward-pools/pool_0000000000000000");
        Reply staff = client.admin("GET", "/admin/v1/partners/" + other[0] + "/reward-pools/" + poolId, null);

        assertThat(List.of(drawn, odds, unknown, staff)).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
            assertThat(reply.text("type")).endsWith("/unknown-reward-pool");
        });
        assertThat(odds.text("detail")).isEqualTo(unknown.text("detail").replace("pool_0000000000000000", poolId));
        assertThat(eventCount(other[0], "eve", "wallet.RewardReceivedEvent")).isZero();
        assertThat(client.get(other[1], "/api/v1/reward-pools/not-a-pool").status()).isEqualTo(400);
    }

    /**
     * Thirty players open a pool whose only items hold ten in all, at once: exactly ten draws
     * win, the rest are refused as exhausted, no item goes below zero, and the promo account
     * holds the other side of every stake and reward.
     */
    @Test
    void concurrentDrawsNeverTakeMoreThanThePoolHolds() throws Exception {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], "{\"name\":\"Ten prizes\",\"items\":["
                + "{\"item_id\":\"gold\",\"weight\":1,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"500\"},\"stock\":3},"
                + "{\"item_id\":\"silver\",\"weight\":3,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"50\"},\"stock\":7}],"
                + "\"stake\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"1\"}}");
        int players = 30;
        for (int i = 0; i < players; i++) {
            assertThat(client.grantTokens(partner[0], "p" + i, "DICE_TOKEN", "1", "grant-" + i).status()).isEqualTo(200);
        }

        AtomicInteger next = new AtomicInteger();
        List<Reply> replies = concurrently(players, () -> {
            int i = next.getAndIncrement();
            return draw(partner[1], "p" + i, poolId, "box-" + i);
        });

        List<Reply> won = replies.stream().filter(reply -> reply.status() == 200).toList();
        assertThat(won).hasSize(10);
        assertThat(replies).filteredOn(reply -> reply.status() != 200)
                .allSatisfy(reply -> assertThat(reply.text("type")).as(reply.raw()).endsWith("/reward-pool-exhausted"));
        assertThat(won.stream().filter(reply -> reply.text("item_id").equals("gold"))).hasSize(3);
        Reply pool = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/reward-pools/" + poolId, null);
        assertThat(pool.body().path("draws").asLong()).isEqualTo(10);
        pool.body().path("items").forEach(item -> assertThat(item.path("remaining").asLong()).isZero());
        assertThat(client.get(partner[1], "/api/v1/reward-pools/" + poolId).body().path("total_weight").asLong()).isZero();

        // Promo paid 3 x 500 + 7 x 50 coins and gave 30 tokens, of which it got 10 back as stakes.
        long coins = won.stream().mapToLong(reply -> reply.body().at("/balances/CC_COIN/available").asLong()).sum();
        assertThat(coins).isEqualTo(3 * 500 + 7 * 50);
        Reply promo = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null),
                reply -> promoBalance(reply, "CC_COIN") == -coins && promoBalance(reply, "DICE_TOKEN") == -20);
        assertThat(promoBalance(promo, "CC_COIN")).isEqualTo(-coins);
        assertThat(promoBalance(promo, "DICE_TOKEN")).isEqualTo(-20);
        long tokensHeld = jdbc.queryForObject("SELECT coalesce(sum(available_minor), 0) FROM wallet_balance WHERE partner_id = ? "
                + "AND asset = 'DICE_TOKEN'", Long.class, partner[0]);
        assertThat(tokensHeld).as("the players' tokens and the promo account add up to zero").isEqualTo(20);
        assertEveryDrawRecomputes(partner[0], poolId, 10);
    }

    private static long promoBalance(Reply accounts, String asset) {
        for (JsonNode account : accounts.body()) {
            if (account.path("account").asText().equals("system:promo") && account.path("currency").asText().equals(asset)) {
                return account.path("balance").asLong();
            }
        }
        return 0;
    }

    @Test
    void replayingTheHistoryGivesTheSameDraws() {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], CHEST);
        client.grantTokens(partner[0], "fay", "DICE_TOKEN", "12", "grant-1");
        for (int i = 0; i < 12; i++) {
            assertThat(draw(partner[1], "fay", poolId, "box-" + i).status()).isEqualTo(200);
        }

        assertEveryDrawRecomputes(partner[0], poolId, 12);
    }

    /**
     * A campaign's free draw is the same two steps without the stake ({@link RewardDraws}, sent
     * here as the campaigns will send it): the wallet is credited under the campaign's name, and a
     * blank drawn for free moves no money at all, so the chain runs the pool's step alone.
     */
    @Test
    void aFreeDrawTakesNoStakeAndAFreeBlankMovesNoMoney() {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], CHEST);
        String almostAllBlank = newPool(partner[0], "{\"name\":\"Long odds\",\"items\":["
                + "{\"item_id\":\"jackpot\",\"weight\":1,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"1000\"}},"
                + "{\"item_id\":\"blank\",\"weight\":999999999}],\"stake\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"1\"}}");
        WalletCommands.Origin campaign = new WalletCommands.Origin(partner[0], "system:campaigns", null, null);
        RewardSource source = new RewardSource(RewardSource.Kind.CAMPAIGN, "cmp_0000000000000001");

        RewardDrawReceipt free = (RewardDrawReceipt) commands.sendChain(campaign, "campaign:1:hal", "campaign-draw", Map.of("player", "hal"),
                draws.steps(partner[0], poolId, "hal", "campaign:1:hal", false, source), RewardDraws::combined, null).recorded().receipt();
        RewardDrawReceipt blank = (RewardDrawReceipt) commands.sendChain(campaign, "campaign:2:hal", "campaign-draw", Map.of("player", "hal"),
                draws.steps(partner[0], almostAllBlank, "hal", "campaign:2:hal", false, source), RewardDraws::combined, null).recorded().receipt();

        assertThat(free.stake()).isNull();
        if (free.reward() != null) {
            assertThat(free.wallet()).isNotNull();
            assertThat(free.wallet().balances().get("DICE_TOKEN")).isNull();
            assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb #>> '{source,kind}' FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? AND payload_type = 'wallet.RewardReceivedEvent'", String.class, partner[0] + ":hal"))
                    .isEqualTo("CAMPAIGN");
        }
        assertThat(blank.itemId()).isEqualTo("blank");
        assertThat(blank.wallet()).isNull();
        assertThat(blank.aggregateId()).isEqualTo(RewardPool.idOf(partner[0], almostAllBlank));
        assertThat(eventCount(partner[0], "hal", "wallet.RewardReceivedEvent")).isEqualTo(free.reward() == null ? 0 : 1);
        assertThat(eventsOf(RewardPool.idOf(partner[0], almostAllBlank), "rewardpool.RewardDrawnEvent")).isEqualTo(1);
    }

    /** The pool of docs/rewards.md, as staff would paste it, is made as the guide says. */
    @Test
    void thePoolOfTheGuideIsMade() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "rewards.md"));
        Matcher body = Pattern.compile("reward-pools\" -H \"\\$ADMIN\" \\\\\n  -H 'Content-Type: application/json' -d '(\\{.*?\\})'\n",
                Pattern.DOTALL).matcher(guide);
        assertThat(body.find()).as("the guide's create example").isTrue();
        String[] partner = client.newPartner();

        Reply created = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/reward-pools", body.group(1));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("total_weight").asLong()).isEqualTo(100);
        assertThat(created.body().at("/items/0/probability").asText()).isEqualTo("5/100");
        assertThat(created.body().at("/items/0/remaining").asLong()).isEqualTo(10);
    }

    /**
     * The read model is rebuilt from the history alone: emptied by its reset handler and fed every
     * pool's events again, twice (a replay that is cut and restarted), it answers as before, each
     * draw counted once, since a draw's row is keyed by the event's identity.
     */
    @Test
    void theReadModelIsRebuiltFromTheHistory() throws Exception {
        String[] partner = client.newPartner();
        String poolId = newPool(partner[0], CHEST);
        client.grantTokens(partner[0], "gil", "DICE_TOKEN", "5", "grant-1");
        for (int i = 0; i < 5; i++) {
            assertThat(draw(partner[1], "gil", poolId, "box-" + i).status()).isEqualTo(200);
        }
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/reward-pools/" + poolId + "/close", null);
        String pool = "/admin/v1/partners/" + partner[0] + "/reward-pools/" + poolId;
        String before = client.admin("GET", pool, null).raw();
        long draws = jdbc.queryForObject("SELECT count(*) FROM reward_draw", Long.class);

        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        handlers.prepareReset();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reward_pool", Long.class)).isZero();
        List<String> pools = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry "
                + "WHERE aggregate_identifier LIKE 'reward-pool:%'", String.class);
        for (int pass = 0; pass < 2; pass++) {
            for (String aggregate : pools) {
                for (var event : eventStore.readEvents(aggregate).asStream().toList()) {
                    handlers.handle(event);
                }
            }
        }

        assertThat(client.admin("GET", pool, null).raw()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reward_draw", Long.class)).isEqualTo(draws);
    }

    /**
     * Reads every draw of the pool from the event store and recomputes it with the published
     * function: the same item at the same roll, from inputs whose stocks are what the draws before
     * left, so no draw can have been decided on anything but its recorded seed.
     */
    private void assertEveryDrawRecomputes(String partnerId, String poolId, int draws) {
        List<RewardDrawnEvent> history = new ArrayList<>();
        eventStore.readEvents(RewardPool.idOf(partnerId, poolId)).asStream()
                .filter(event -> event.getPayload() instanceof RewardDrawnEvent)
                .forEach(event -> history.add((RewardDrawnEvent) event.getPayload()));
        assertThat(history).hasSize(draws);
        Map<String, Long> drawnBefore = new HashMap<>();
        for (RewardDrawnEvent drawn : history) {
            FairDraw.Pick pick = FairDraw.pick(drawn.seed(), drawn.inputs());
            assertThat(pick.itemId()).isEqualTo(drawn.itemId());
            assertThat(pick.roll()).isEqualTo(drawn.roll());
            assertThat(pick.totalWeight()).isEqualTo(drawn.totalWeight());
            for (FairDraw.Candidate input : drawn.inputs()) {
                if (input.remainingStock() != null) {
                    long stock = input.itemId().equals("gold") ? 3 : 7;
                    assertThat(input.remainingStock()).isEqualTo(stock - drawnBefore.getOrDefault(input.itemId(), 0L));
                }
            }
            drawnBefore.merge(drawn.itemId(), 1L, Long::sum);
        }
    }
}
