package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The batch API (issue 18): up to 1,000 wallet commands in one request, each under its own key,
 * answered one by one in order; a refusal in the middle refuses only itself; a batch sent again
 * replays each command; 1,001 commands are refused as a whole; an atomic batch is applied whole
 * or not at all; a partner's batch touches only its own wallets and keys.
 */
class BatchApiTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachCommandIsAnsweredInOrderAndARefusalInTheMiddleRefusesOnlyItself() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.deposit(partner[1], "ann", "100.00", "USD").status()).isEqualTo(200);
        ArrayNode commands = JSON.createArrayNode();
        commands.add(bet("ann", "10.00", run + "-b1", "r1"));
        commands.add(win("ann", "4.00", run + "-w1", "r1", run + "-b1"));
        commands.add(bet("ann", "1000.00", run + "-b2", "r2"));                  // more than ann has
        commands.add(deposit("bob", "20.00", run + "-d1"));                      // another player, same batch
        commands.add(command("rollback", "ann", run + "-rb").put("rolled_back_transaction_id_partner", run + "-b1"));

        Reply reply = batch(partner[1], commands, false);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.body().path("commands").asInt()).isEqualTo(5);
        assertThat(reply.body().path("succeeded").asInt()).isEqualTo(3);
        assertThat(reply.body().path("refused").asInt()).isEqualTo(2);
        assertThat(reply.body().path("pending").asInt()).isZero();
        JsonNode results = reply.body().path("results");
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(results.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(results.get(0).path("transaction").path("balance").asText()).isEqualTo("90.00");
        assertThat(results.get(1).path("transaction").path("balance").asText()).isEqualTo("94.00");
        assertThat(results.get(2).path("status").asInt()).isEqualTo(422);
        assertThat(results.get(2).path("problem").path("type").asText()).endsWith("/insufficient-funds");
        assertThat(results.get(2).has("transaction")).isFalse();
        assertThat(results.get(3).path("transaction").path("player_id").asText()).isEqualTo("bob");
        assertThat(results.get(4).path("status").asInt()).as("a settled bet is not rolled back").isEqualTo(409);
        assertThat(results.get(4).path("problem").path("type").asText()).endsWith("/bet-already-settled");
        assertThat(results.get(0).path("transaction_id_partner").asText()).isEqualTo(run + "-b1");
        assertThat(results.get(0).path("replayed").asBoolean()).isFalse();

        // What the ledger holds: ann's deposit, bet and win; bob's wallet; nothing of the refused two.
        assertThat(eventCount(partner[0], "ann")).isEqualTo(4); // opened, deposit, bet, win
        assertThat(eventCount(partner[0], "bob")).isEqualTo(2);
        assertThat(storedKeys(partner[0])).isEqualTo(4);
    }

    @Test
    void aBatchSentAgainReplaysEachCommandUnderItsKeyAndASingleRequestReplaysItsBatchCommand() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ArrayNode commands = JSON.createArrayNode();
        commands.add(deposit("cy", "50.00", run + "-d1"));
        commands.add(bet("cy", "5.00", run + "-b1", "r1"));
        commands.add(bet("cy", "500.00", run + "-b2", "r2"));
        Reply first = batch(partner[1], commands, false);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        long events = eventCount(partner[0], "cy");

        Reply again = batch(partner[1], commands, false);

        assertThat(again.status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(again.body().path("results").get(i).path("replayed").asBoolean()).isTrue();
            assertThat(again.body().path("results").get(i).path("transaction"))
                    .as("the stored answer, byte for byte").isEqualTo(first.body().path("results").get(i).path("transaction"));
        }
        assertThat(again.body().path("results").get(2).path("status").asInt()).as("a refusal stores nothing: decided again").isEqualTo(422);
        assertThat(eventCount(partner[0], "cy")).isEqualTo(events);

        Reply alone = client.post(partner[1], "/api/v1/wallets/cy/bets",
                "{\"amount\":\"5.00\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"r1\",\"transaction_id_partner\":\"" + run + "-b1\"}");
        assertThat(alone.status()).isEqualTo(200);
        assertThat(alone.replayed()).as("the same bet sent alone is the batch's bet").isTrue();
        assertThat(alone.body()).isEqualTo(first.body().path("results").get(1).path("transaction"));

        ArrayNode changed = JSON.createArrayNode();
        changed.add(bet("cy", "6.00", run + "-b1", "r1"));
        changed.add(deposit("cy", "1.00", run + "-d9"));
        Reply reused = batch(partner[1], changed, false);
        assertThat(reused.body().path("results").get(0).path("status").asInt()).isEqualTo(409);
        assertThat(reused.body().path("results").get(0).path("problem").path("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(reused.body().path("results").get(1).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aThousandCommandsAreTakenAndOneMoreIsRefusedAsAWhole() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ArrayNode thousand = JSON.createArrayNode();
        for (int i = 0; i < 1_000; i++) {
            thousand.add(deposit("p" + (i % 50), "0.01", run + "-" + i));
        }
        long keysBefore = storedKeys(partner[0]);

        ArrayNode tooMany = thousand.deepCopy();
        tooMany.add(deposit("p0", "0.01", run + "-one-more"));
        Reply refused = batch(partner[1], tooMany, false);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.body().path("type").asText()).endsWith("/invalid-request");
        assertThat(refused.body().path("field").asText()).isEqualTo("commands");
        assertThat(storedKeys(partner[0])).isEqualTo(keysBefore);

        Reply taken = batch(partner[1], thousand, false);
        assertThat(taken.status()).as(taken.raw().substring(0, Math.min(400, taken.raw().length()))).isEqualTo(200);
        assertThat(taken.body().path("succeeded").asInt()).isEqualTo(1_000);
        assertThat(storedKeys(partner[0])).isEqualTo(keysBefore + 1_000);
        // Each of the 50 wallets took its 20 deposits in the order sent: the last answer is 0.20.
        JsonNode last = taken.body().path("results").get(999).path("transaction");
        assertThat(last.path("player_id").asText()).isEqualTo("p49");
        assertThat(last.path("balance").asText()).isEqualTo("0.20");
    }

    @Test
    void aBatchIsRefusedAsAWholeWhenItIsNoBatch() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ArrayNode twice = JSON.createArrayNode();
        twice.add(deposit("dan", "1.00", run + "-same"));
        twice.add(deposit("eve", "1.00", run + "-same"));
        Reply duplicate = batch(partner[1], twice, false);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body().path("field").asText()).isEqualTo("commands[1].transaction_id_partner");

        assertThat(batch(partner[1], JSON.createArrayNode(), false).status()).isEqualTo(400);
        assertThat(client.post(partner[1], "/api/v1/batches", "{\"commands\":[null]}").body().path("field").asText()).isEqualTo("commands[0]");
        assertThat(client.post(partner[1], "/api/v1/batches", "{}").status()).isEqualTo(400);
        ArrayNode badInput = JSON.createArrayNode();
        badInput.add(deposit("dan", "1.00", run + "-d1"));
        badInput.add(deposit("dan", "1.00", run + "-d2").put("currency", "XXX"));
        Reply unknownCurrency = batch(partner[1], badInput, false);
        assertThat(unknownCurrency.status()).as("bad input is the caller's to mend: the whole batch").isEqualTo(400);
        assertThat(unknownCurrency.body().path("type").asText()).endsWith("/unknown-currency");
        assertThat(unknownCurrency.body().path("field").asText()).isEqualTo("commands[1].currency");
        ((ObjectNode) badInput.get(1)).put("currency", "USD").put("game_id", "slots");
        Reply foreignField = batch(partner[1], badInput, false);
        assertThat(foreignField.status()).isEqualTo(400);
        assertThat(foreignField.body().path("field").asText()).as("a deposit has no game").isEqualTo("commands[1].game_id");
        ((ObjectNode) badInput.get(1)).remove("game_id");
        ((ObjectNode) badInput.get(1)).put("operation", "transfer");
        assertThat(batch(partner[1], badInput, false).body().path("field").asText()).isEqualTo("commands[1].operation");
        ((ObjectNode) badInput.get(1)).put("operation", "deposit").put("amount", "1.001");
        Reply amount = batch(partner[1], badInput, true);
        assertThat(amount.body().path("type").asText()).endsWith("/invalid-amount");
        assertThat(amount.body().path("detail").asText()).startsWith("commands[1]");
        ((ObjectNode) badInput.get(1)).remove("transaction_id_partner");
        assertThat(batch(partner[1], badInput, false).body().path("field").asText()).isEqualTo("commands[1].transaction_id_partner");
        assertThat(storedKeys(partner[0])).as("nothing of a refused batch is stored").isZero();

        String heavy = "{\"commands\":[" + ("{\"operation\":\"deposit\",\"player_id\":\"" + "x".repeat(1_000) + "\"},").repeat(1_010)
                + "null]}";
        assertThat(client.post(partner[1], "/api/v1/batches", heavy).status()).as("over 1 MiB").isEqualTo(413);
        Reply keyed = client.send("POST", "/api/v1/batches", "{\"commands\":[" + deposit("dan", "1.00", run + "-k") + "]}",
                "X-API-Key", partner[1], "Idempotency-Key", run + "-batch");
        assertThat(keyed.status()).as("a batch has no key of its own").isEqualTo(400);
        assertThat(keyed.body().path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(storedKeys(partner[0])).isZero();
    }

    @Test
    void aBatchWhoseEveryCommandIsRefusedIsNotASuccess() {
        String[] partner = client.newPartner();
        ArrayNode commands = JSON.createArrayNode();
        commands.add(bet("fay", "1.00", UUID.randomUUID().toString(), "r1"));   // fay has no wallet
        commands.add(command("rollback", "fay-too", UUID.randomUUID().toString()).put("rolled_back_transaction_id_partner", "b-1"));
        Reply reply = batch(partner[1], commands, false);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.body().path("type").asText()).endsWith("/batch-refused");
        assertThat(reply.body().path("results").get(0).path("problem").path("type").asText()).endsWith("/unknown-wallet");
        assertThat(reply.body().path("results").get(1).path("problem").path("type").asText()).endsWith("/unknown-wallet");
    }

    @Test
    void anAtomicBatchIsAppliedWholeOrNotAtAll() {
        String[] partner = client.newPartner();
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.deposit(partner[1], "gus", "10.00", "USD").status()).isEqualTo(200);
        long events = eventCount(partner[0], "gus");
        long keys = storedKeys(partner[0]);
        ArrayNode commands = JSON.createArrayNode();
        commands.add(deposit("hal", "5.00", run + "-d1"));
        commands.add(bet("gus", "4.00", run + "-b1", "r1"));
        commands.add(bet("gus", "7.00", run + "-b2", "r2"));   // 6.00 left after the first bet

        Reply refused = batch(partner[1], commands, true);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("type").asText()).endsWith("/batch-refused");
        assertThat(refused.body().path("index").asInt()).isEqualTo(2);
        assertThat(refused.body().path("refusal").path("type").asText()).endsWith("/insufficient-funds");
        assertThat(eventCount(partner[0], "gus")).isEqualTo(events);
        assertThat(eventCount(partner[0], "hal")).as("the deposit before the refusal was rolled back").isZero();
        assertThat(storedKeys(partner[0])).as("no key is kept, so the batch can be mended and sent again").isEqualTo(keys);

        ((ObjectNode) commands.get(2)).put("amount", "6.00");
        Reply applied = batch(partner[1], commands, true);
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
        assertThat(applied.body().path("succeeded").asInt()).isEqualTo(3);
        assertThat(applied.body().path("results").get(2).path("transaction").path("balance").asText()).isEqualTo("0.00");
        Reply again = batch(partner[1], commands, true);
        assertThat(again.body().path("results").get(1).path("replayed").asBoolean()).isTrue();
        assertThat(eventCount(partner[0], "gus")).isEqualTo(events + 2);

        ArrayNode reused = JSON.createArrayNode();
        reused.add(deposit("hal", "5.00", run + "-d6"));
        reused.add(deposit("hal", "9.00", run + "-d1"));   // d1 was a deposit of 5.00
        Reply reusedKey = batch(partner[1], reused, true);
        assertThat(reusedKey.status()).as(reusedKey.raw()).isEqualTo(422);
        assertThat(reusedKey.body().path("index").asInt()).isEqualTo(1);
        assertThat(reusedKey.body().path("refusal").path("type").asText()).endsWith("/idempotency-key-reused");

        ArrayNode unopened = JSON.createArrayNode();
        unopened.add(deposit("hal", "5.00", run + "-d7"));
        unopened.add(bet("nobody", "1.00", run + "-b7", "r7"));
        Reply unknown = batch(partner[1], unopened, true);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().path("index").asInt()).isEqualTo(1);
        assertThat(unknown.body().path("refusal").path("type").asText()).endsWith("/unknown-wallet");
        assertThat(eventCount(partner[0], "hal")).isEqualTo(2);
    }

    @Test
    void aPartnersBatchTouchesOnlyItsOwnWalletsAndKeys() {
        String[] first = client.newPartner();
        String[] second = client.newPartner();
        String key = "shared-" + UUID.randomUUID();
        assertThat(client.post(second[1], "/api/v1/wallets/ivy/deposits",
                "{\"amount\":\"3.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + key + "\"}").status()).isEqualTo(200);
        ArrayNode commands = JSON.createArrayNode();
        commands.add(deposit("ivy", "1.00", key));
        commands.add(bet("ivy", "2.00", key + "-b", "r1"));

        Reply reply = batch(first[1], commands, false);

        assertThat(reply.body().path("results").get(0).path("replayed").asBoolean())
                .as("the other partner's key is not this partner's").isFalse();
        assertThat(reply.body().path("results").get(0).path("transaction").path("balance").asText()).isEqualTo("1.00");
        assertThat(reply.body().path("results").get(1).path("problem").path("type").asText())
                .as("the other partner's 3.00 is not this player's").endsWith("/insufficient-funds");
        assertThat(eventCount(second[0], "ivy")).isEqualTo(2);

        String[] reader = client.newPartner("wallet:read");
        Reply readOnly = batch(reader[1], commands, false);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(storedKeys(reader[0])).isZero();
    }

    private Reply batch(String apiKey, ArrayNode commands, boolean atomic) {
        ObjectNode body = JSON.createObjectNode();
        if (atomic) {
            body.put("atomic", true);
        }
        body.set("commands", commands);
        return client.post(apiKey, "/api/v1/batches", body.toString());
    }

    private static ObjectNode command(String operation, String player, String key) {
        return JSON.createObjectNode().put("operation", operation).put("player_id", player).put("transaction_id_partner", key);
    }

    private static ObjectNode deposit(String player, String amount, String key) {
        return command("deposit", player, key).put("amount", amount).put("currency", "USD");
    }

    private static ObjectNode bet(String player, String amount, String key, String round) {
        return command("bet", player, key).put("amount", amount).put("currency", "USD").put("game_id", "slots").put("round_id", round);
    }

    private static ObjectNode win(String player, String amount, String key, String round, String betKey) {
        return command("win", player, key).put("amount", amount).put("currency", "USD").put("game_id", "slots").put("round_id", round)
                .put("bet_transaction_id_partner", betKey);
    }
}
