package io.chipledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every idempotent command answers a retry with the stored first answer, to the byte (issue 12):
 * every money command answers the same shape, rollbacks and withdrawal decisions included, and a
 * retry is given what was stored, not an answer made again from today's configuration or keys.
 */
class StoredAnswersTest extends LedgerApiTest {

    private static final List<String> MONEY_FIELDS = List.of("transaction_id", "player_id", "currency", "balance", "balances",
            "position", "processed_at");

    @Test
    void everyCommandsRetryIsItsFirstAnswerToTheByte() {
        String[] partner = client.newPartner();
        String api = partner[1];
        String admin = "/admin/v1/partners/" + partner[0];
        client.grantTokens(partner[0], "ann", "ROULETTE_COIN", "10", "grant-0");
        client.grantTokens(partner[0], "ann", "CC_COIN", "100", "grant-cc");
        List<Supplier<Reply>> commands = List.of(
                () -> client.post(api, "/api/v1/wallets/ann/deposits", "{\"amount\":\"100.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-1\"}"),
                () -> client.post(api, "/api/v1/wallets/ann/withdrawals", "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"w-1\"}"),
                () -> client.post(api, "/api/v1/wallets/ann/withdrawals",
                        "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"w-2\",\"mode\":\"two_phase\"}"),
                () -> client.post(api, "/api/v1/wallets/ann/withdrawals/w-2/approve", "{\"transaction_id_partner\":\"w-2-ok\"}"),
                () -> client.bet(api, "ann", "10.00", "USD", "b-1"),
                () -> client.post(api, "/api/v1/wallets/ann/wins", "{\"amount\":\"20.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                        + "\"round_id\":\"round-b-1\",\"transaction_id_partner\":\"win-1\"}"),
                () -> client.bet(api, "ann", "3.00", "USD", "b-2"),
                () -> client.post(api, "/api/v1/wallets/ann/rollbacks", "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"b-2\"}"),
                () -> client.post(api, "/api/v1/wallets/ann/plays", "{\"game\":\"ROULETTE\",\"stake\":{\"token_type\":\"ROULETTE_COIN\",\"amount\":\"1\"},"
                        + "\"rewards\":[],\"transaction_id_partner\":\"p-1\"}"),
                () -> client.post(api, "/api/v1/players/ann/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.nameUUIDFromBytes(partner[0].getBytes()) + "\"}"),
                () -> client.admin("POST", admin + "/wallets/ann/adjustments", "{\"amount\":\"-1.00\",\"currency\":\"USD\",\"reason\":\"fee\","
                        + "\"transaction_id_partner\":\"adj-1\"}"),
                () -> client.grantTokens(partner[0], "ann", "ROULETTE_COIN", "2", "grant-1"),
                () -> client.admin("POST", admin + "/token-grants/bulk", "{\"token_type\":\"ROULETTE_COIN\",\"reason\":\"event\","
                        + "\"transaction_id_partner\":\"bulk-1\",\"grants\":[{\"player_id\":\"ann\",\"amount\":\"1\"},{\"player_id\":\"bo\",\"amount\":\"2\"}]}"),
                () -> client.post(api, "/api/v1/wallets/ann/purchases", "{\"sku\":\"gem\",\"quantity\":1,\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"5\"},"
                        + "\"transaction_id_partner\":\"buy-1\"}"));

        for (Supplier<Reply> command : commands) {
            Reply first = command.get();
            Reply retry = command.get();

            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.replayed()).isFalse();
            assertThat(retry.replayed()).isTrue();
            assertThat(retry.raw()).isEqualTo(first.raw());
        }
    }

    @Test
    void rollbacksAndWithdrawalDecisionsAnswerLikeEveryMoneyCommand() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "cal", "50.00", "EUR");
        client.bet(partner[1], "cal", "4.00", "EUR", "b-1");
        client.post(partner[1], "/api/v1/wallets/cal/withdrawals",
                "{\"amount\":\"6.00\",\"currency\":\"EUR\",\"transaction_id_partner\":\"w-1\",\"mode\":\"two_phase\"}");

        Reply rollback = client.post(partner[1], "/api/v1/wallets/cal/rollbacks",
                "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"b-1\"}");
        Reply again = client.post(partner[1], "/api/v1/wallets/cal/rollbacks",
                "{\"transaction_id_partner\":\"rb-2\",\"rolled_back_transaction_id_partner\":\"b-1\"}");
        Reply rejected = client.post(partner[1], "/api/v1/wallets/cal/withdrawals/w-1/reject", "{\"transaction_id_partner\":\"w-1-no\"}");

        for (Reply reply : List.of(rollback, again, rejected)) {
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            MONEY_FIELDS.forEach(field -> assertThat(reply.body().has(field)).as(field + " in " + reply.raw()).isTrue());
            assertThat(reply.text("currency")).isEqualTo("EUR");
        }
        assertThat(rollback.text("balance")).isEqualTo("44.00");
        assertThat(again.text("transaction_id")).as("a repeated rollback names the first").isEqualTo(rollback.text("transaction_id"));
        assertThat(again.text("balance")).isEqualTo("44.00");
        assertThat(rejected.text("balance")).isEqualTo("50.00");
    }

    @Test
    void aRetryIsGivenTheStoredAnswerNotOneMadeAgain() {
        String[] partner = client.newPartner();
        String deposit = "{\"amount\":\"10.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-stored\"}";
        Reply first = client.post(partner[1], "/api/v1/wallets/dee/deposits", deposit);
        // What a change of configuration since would do to an answer made again: the stored one says otherwise.
        jdbc.update("UPDATE idempotency_key SET outcome = jsonb_set(outcome::jsonb, '{answer,balance}', '\"10.0000\"')::text "
                + "WHERE partner_id = ? AND idempotency_key = 'd-stored'", partner[0]);

        Reply retry = client.post(partner[1], "/api/v1/wallets/dee/deposits", deposit);

        assertThat(first.text("balance")).isEqualTo("10.00");
        assertThat(retry.text("balance")).isEqualTo("10.0000");
    }

    @Test
    void aPurchaseRetriedAfterTheReceiptKeyWasRotatedAnswersTheReceiptFirstSigned() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        client.grantTokens(partner[0], "eve", "CC_COIN", "100", "grant-1");
        String purchase = "{\"sku\":\"gem\",\"quantity\":1,\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"5\"},\"transaction_id_partner\":\"buy-1\"}";
        Reply first = client.post(partner[1], "/api/v1/wallets/eve/purchases", purchase);

        Reply rotated = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        Reply retry = client.post(partner[1], "/api/v1/wallets/eve/purchases", purchase);

        assertThat(rotated.status()).isEqualTo(201);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.body().path("receipt").path("key_id").asText()).isNotEqualTo(rotated.text("key_id"));
    }
}
