package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.StringJoiner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Bad plays, purchases, grants and activities: a problem document each, and nothing stored. */
class FreeToPlayBadInputTest extends LedgerApiTest {

    private static final String STAKE = "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"}";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"game\":\"POKER\"," + STAKE + ",\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"GOLD\",\"amount\":\"1\"},\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"USD\",\"amount\":\"1\"},\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"0\"},\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"-1\"},\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\"},\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\"," + STAKE + ",\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"-5\"}],\"transaction_id_partner\":\"p-1\"}",
            "{\"game\":\"DICE\"," + STAKE + ",\"event_id\":\"not-a-uuid\",\"transaction_id_partner\":\"p-1\"}"})
    void aBadPlayIsAProblemAndStoresNothing(String body) {
        String[] partner = fundedPartner();
        assertRefusedAndNothingStored(partner, client.post(partner[1], "/api/v1/wallets/eve/plays", body));
    }

    @Test
    void rewardsOverTheLimitAreAProblem() {
        String[] partner = fundedPartner();
        StringJoiner rewards = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 11; i++) {
            rewards.add("{\"asset\":\"CC_COIN\",\"amount\":\"1\"}");
        }
        Reply reply = client.post(partner[1], "/api/v1/wallets/eve/plays",
                "{\"game\":\"DICE\"," + STAKE + ",\"rewards\":" + rewards + ",\"transaction_id_partner\":\"p-1\"}");
        assertRefusedAndNothingStored(partner, reply);
        assertThat(reply.text("field")).isEqualTo("rewards");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sku\":\"gem\",\"quantity\":0,\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"1\"},\"transaction_id_partner\":\"b-1\"}",
            "{\"sku\":\"gem\",\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"1\"},\"transaction_id_partner\":\"b-1\"}",
            "{\"sku\":\"gem\\npack\",\"quantity\":1,\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"1\"},\"transaction_id_partner\":\"b-1\"}",
            "{\"sku\":\"gem\",\"quantity\":1,\"transaction_id_partner\":\"b-1\"}"})
    void aBadPurchaseIsAProblemAndStoresNothing(String body) {
        String[] partner = fundedPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        assertRefusedAndNothingStored(partner, client.post(partner[1], "/api/v1/wallets/eve/purchases", body));
    }

    @Test
    void aBulkGrantOverTheLimitIsAProblemAndStoresNothing() {
        String[] partner = fundedPartner();
        StringJoiner grants = new StringJoiner(",", "[", "]");
        for (int i = 0; i <= 200; i++) {
            grants.add("{\"player_id\":\"p" + i + "\",\"amount\":\"1\"}");
        }
        Reply reply = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/token-grants/bulk",
                "{\"token_type\":\"CC_COIN\",\"reason\":\"campaign\",\"transaction_id_partner\":\"bulk-1\",\"grants\":" + grants + "}");
        assertRefusedAndNothingStored(partner, reply);
        assertThat(reply.text("field")).isEqualTo("grants");
        assertThat(eventCount(partner[0], "p0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"event_type\":\"LOGIN\"}",
            "{\"event_type\":\"LOGIN\",\"event_id\":\"abc\"}",
            "{\"event_type\":\"DANCE\",\"event_id\":\"5b0e3c1a-8f1e-4c55-9d8e-0a1b2c3d4e5f\"}",
            "{\"event_type\":\"LOGIN\",\"event_id\":\"5b0e3c1a-8f1e-4c55-9d8e-0a1b2c3d4e5f\",\"occurred_at\":\"2999-01-01T00:00:00Z\"}",
            "{\"event_type\":\"PLAY_DURATION\",\"event_id\":\"5b0e3c1a-8f1e-4c55-9d8e-0a1b2c3d4e5f\"}",
            "{\"event_type\":\"PLAY_DURATION\",\"event_id\":\"5b0e3c1a-8f1e-4c55-9d8e-0a1b2c3d4e5f\",\"value\":-3}"})
    void aBadActivityIsAProblemAndStoresNothing(String body) {
        String[] partner = fundedPartner();
        Reply reply = client.post(partner[1], "/api/v1/players/eve/activities", body);
        assertRefusedAndNothingStored(partner, reply);
        assertThat(eventsOf("profile:" + partner[0] + ":eve", "profile.PlayerActivityRecordedEvent")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ?", Long.class, partner[0]))
                .as("no activity key, and only the two grants' keys").isEqualTo(2);
    }

    /** A partner whose player eve holds tokens, so that only the bad input can be the reason for a refusal. */
    private String[] fundedPartner() {
        String[] partner = client.newPartner();
        assertThat(client.grantTokens(partner[0], "eve", "DICE_TOKEN", "10", "grant-dice").status()).isEqualTo(200);
        assertThat(client.grantTokens(partner[0], "eve", "CC_COIN", "10", "grant-coin").status()).isEqualTo(200);
        return partner;
    }

    private void assertRefusedAndNothingStored(String[] partner, Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("detail")).isNotBlank();
        assertThat(eventCount(partner[0], "eve")).isEqualTo(3); // opened and the two grants
        assertThat(storedKeys(partner[0])).isEqualTo(2);
    }
}
