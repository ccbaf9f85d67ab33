package io.chipledger.api.play;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A game round is one event: its stake and rewards are posted together, once, or not at all. */
class PlayTest extends LedgerApiTest {

    private static final String DICE_ROUND = "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
            + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"2\"},"
            + "\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"50\"},{\"asset\":\"LOTTERY_TICKET\",\"amount\":\"1\"}],"
            + "\"outcome\":{\"user_dice\":[6,5],\"user_sum\":11,\"dealer_dice\":[2,3],\"dealer_sum\":5,\"result\":\"WIN\"},"
            + "\"transaction_id_partner\":\"%s\"}";

    @Test
    void aStakeAndRewardsInDifferentAssetsAreOneEvent() {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "pia", "DICE_TOKEN", "10", "grant-1");

        Reply played = client.post(partner[1], "/api/v1/wallets/pia/plays", DICE_ROUND.formatted("round-1"));

        assertThat(played.status()).isEqualTo(200);
        assertThat(played.text("balance")).isEqualTo("8");
        assertThat(played.body().path("balances").path("CC_COIN").path("available").asText()).isEqualTo("50");
        assertThat(played.body().path("balances").path("LOTTERY_TICKET").path("available").asText()).isEqualTo("1");
        assertThat(eventCount(partner[0], "pia", "wallet.PlayRecordedEvent")).isEqualTo(1);
        assertThat(eventCount(partner[0], "pia")).isEqualTo(3); // opened, granted, played

        long position = played.body().path("position").asLong();
        Reply log = client.get(partner[1], "/api/v1/wallets/pia/plays?consistent_with=" + position);
        JsonNode play = log.body().path("plays").get(0);
        assertThat(play.path("game").asText()).isEqualTo("DICE");
        assertThat(play.path("stake").path("amount").asText()).isEqualTo("2");
        assertThat(play.path("rewards")).hasSize(2);
        assertThat(play.path("outcome").path("user_sum").asInt()).isEqualTo(11);
        assertThat(play.path("outcome").path("result").asText()).isEqualTo("WIN");

        Reply history = client.get(partner[1], "/api/v1/wallets/pia/transactions?consistent_with=" + position);
        List<String> lines = new ArrayList<>();
        history.body().path("transactions").forEach(line -> {
            if (line.path("type").asText().equals("PlayRecorded")) {
                lines.add(line.path("currency").asText() + " " + line.path("amount").asText() + " " + line.path("balance_after").asText());
            }
        });
        assertThat(lines).containsExactly("DICE_TOKEN -2 8", "CC_COIN 50 50", "LOTTERY_TICKET 1 1");
    }

    @Test
    void aHistoryPageNeverSplitsAPlaysLines() {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "pip", "DICE_TOKEN", "10", "grant-1");
        Reply played = client.post(partner[1], "/api/v1/wallets/pip/plays", DICE_ROUND.formatted("round-1"));

        Reply newest = client.get(partner[1], "/api/v1/wallets/pip/transactions?limit=1&consistent_with="
                + played.body().path("position").asLong());
        Reply older = client.get(partner[1], "/api/v1/wallets/pip/transactions?limit=1&cursor=" + newest.body().path("next_cursor").asLong());

        assertThat(newest.body().path("transactions")).hasSize(3)
                .allSatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("PlayRecorded"));
        assertThat(older.body().path("transactions")).hasSize(1);
        assertThat(older.body().path("transactions").get(0).path("type").asText()).isEqualTo("TokensGranted");
        assertThat(older.body().path("transactions").get(0).path("label").asText()).isEqualTo("signup");
    }

    @Test
    void aStakeThatCannotBePaidPostsNothingEvenWhenTheRewardWouldCoverIt() {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "quin", "ROULETTE_COIN", "1", "grant-1");

        Reply refused = client.post(partner[1], "/api/v1/wallets/quin/plays", "{\"game\":\"ROULETTE\","
                + "\"stake\":{\"token_type\":\"ROULETTE_COIN\",\"amount\":\"2\"},\"rewards\":[{\"asset\":\"ROULETTE_COIN\",\"amount\":\"100\"}],"
                + "\"outcome\":{\"segment\":3,\"label\":\"JACKPOT\"},\"transaction_id_partner\":\"round-1\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/insufficient-funds");
        assertThat(eventCount(partner[0], "quin", "wallet.PlayRecordedEvent")).isZero();
        assertThat(client.grantTokens(partner[0], "quin", "ROULETTE_COIN", "1", "grant-2").text("balance")).isEqualTo("2");
    }

    @Test
    void aRetriedPlayPostsOnce() {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "rex", "DICE_TOKEN", "10", "grant-1");

        Reply first = client.post(partner[1], "/api/v1/wallets/rex/plays", DICE_ROUND.formatted("round-1"));
        Reply retry = client.post(partner[1], "/api/v1/wallets/rex/plays", DICE_ROUND.formatted("round-1"));

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(eventCount(partner[0], "rex", "wallet.PlayRecordedEvent")).isEqualTo(1);
    }

    @Test
    void thePlayLogFiltersByGameAndPeriodAndTheAdminListsAcrossPlayers() {
        String[] partner = client.newPartner();
        for (String player : new String[] {"sol", "tia"}) {
            // Keys are the partner's: each player's transactions need their own.
            client.grantTokens(partner[0], player, "DICE_TOKEN", "10", "grant-dice-" + player);
            client.grantTokens(partner[0], player, "ROULETTE_COIN", "10", "grant-roulette-" + player);
            assertThat(client.post(partner[1], "/api/v1/wallets/" + player + "/plays", DICE_ROUND.formatted("dice-" + player)).status())
                    .isEqualTo(200);
        }
        Reply last = client.post(partner[1], "/api/v1/wallets/sol/plays", "{\"game\":\"ROULETTE\",\"config_id\":\"wheel-1\","
                + "\"stake\":{\"token_type\":\"ROULETTE_COIN\",\"amount\":\"1\"},\"outcome\":{\"segment\":1,\"label\":\"MISS\"},"
                + "\"transaction_id_partner\":\"wheel-1\"}");
        String consistent = "consistent_with=" + last.body().path("position").asLong();

        Reply solDice = client.get(partner[1], "/api/v1/wallets/sol/plays?game=DICE&" + consistent);
        Reply solAll = client.get(partner[1], "/api/v1/wallets/sol/plays?" + consistent);
        Reply future = client.get(partner[1], "/api/v1/wallets/sol/plays?from=2999-01-01T00:00:00Z&" + consistent);
        Reply acrossPlayers = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/plays", null),
                reply -> reply.body().path("plays").size() == 3);
        Reply tiaOnly = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/plays?player_id=tia", null);

        assertThat(solDice.body().path("plays")).hasSize(1);
        assertThat(solAll.body().path("plays")).hasSize(2);
        assertThat(solAll.body().path("plays").get(0).path("game").asText()).isEqualTo("ROULETTE");
        assertThat(future.body().path("plays")).isEmpty();
        assertThat(acrossPlayers.body().path("plays")).hasSize(3);
        assertThat(tiaOnly.body().path("plays")).hasSize(1);
        assertThat(tiaOnly.body().path("plays").get(0).path("player_id").asText()).isEqualTo("tia");
    }
}
