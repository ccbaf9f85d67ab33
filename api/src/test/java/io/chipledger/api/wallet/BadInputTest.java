package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a problem document with a stable type, and nothing is stored: no event, no idempotency key. */
class BadInputTest extends LedgerApiTest {

    private String partnerId;
    private String key;
    private long eventsBefore;
    private long keysBefore;

    @BeforeEach
    void openWallet() {
        String[] partner = client.newPartner();
        partnerId = partner[0];
        key = partner[1];
        client.deposit(key, "vic", "10.00", "USD");
        eventsBefore = eventCount(partnerId, "vic");
        keysBefore = storedKeys(partnerId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero amount              | {\"amount\":\"0\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"}        | invalid-amount",
            "negative amount          | {\"amount\":\"-1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"}    | invalid-amount",
            "too many decimals        | {\"amount\":\"1.005\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"}    | invalid-amount",
            "decimals on a 0-scale    | {\"amount\":\"1.5\",\"currency\":\"KRW\",\"transaction_id_partner\":\"b1\"}      | invalid-amount",
            "amount over the limit    | {\"amount\":\"9999999999999999999\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"} | invalid-amount",
            "more than 19 digits      | {\"amount\":\"99999999999999999999999\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"} | malformed-request",
            "non-numeric amount       | {\"amount\":\"ten\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"}      | malformed-request",
            "missing amount           | {\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"}                         | invalid-amount",
            "unknown currency         | {\"amount\":\"1.00\",\"currency\":\"XXX\",\"transaction_id_partner\":\"b1\"}     | unknown-currency",
            "missing currency         | {\"amount\":\"1.00\",\"transaction_id_partner\":\"b1\"}                          | unknown-currency",
            "missing transaction id   | {\"amount\":\"1.00\",\"currency\":\"USD\"}                                       | invalid-request",
            "malformed JSON           | {\"amount\":\"1.00\",                                                            | malformed-request",
            "an unknown field         | {\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"b1\",\"bonus\":true} | malformed-request",
            "a field of the wrong type| {\"amount\":{\"value\":1},\"currency\":\"USD\",\"transaction_id_partner\":\"b1\"} | malformed-request",
            "a list for a text field  | {\"amount\":\"1.00\",\"currency\":[\"USD\"],\"transaction_id_partner\":\"b1\"}   | malformed-request"})
    void aBadDepositIsRefused(String name, String body, String type) {
        Reply reply = client.post(key, "/api/v1/wallets/vic/deposits", body);
        assertRefused(reply, type);
    }

    @Test
    void aBetWithoutGameOrRoundIsRefused() {
        assertRefused(client.post(key, "/api/v1/wallets/vic/bets",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"round_id\":\"r\",\"transaction_id_partner\":\"b2\"}"), "invalid-request");
        assertRefused(client.post(key, "/api/v1/wallets/vic/bets",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"g\",\"round_id\":\"bad id!\",\"transaction_id_partner\":\"b2\"}"),
                "invalid-request");
    }

    @Test
    void anOversizedTransactionIdIsRefused() {
        String transactionId = "t".repeat(RequestFields.TRANSACTION_ID_LENGTH_MAX + 1);
        assertRefused(client.post(key, "/api/v1/wallets/vic/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + transactionId + "\"}"), "invalid-request");
    }

    @Test
    void anOversizedPlayerIdIsRefused() {
        String player = "p".repeat(65);
        assertRefused(client.post(key, "/api/v1/wallets/" + player + "/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"b3\"}"), "invalid-request");
    }

    @Test
    void aBodyOverTheSizeLimitIsRefused() {
        String padding = "x".repeat(20_000);
        Reply reply = client.post(key, "/api/v1/wallets/vic/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + padding + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text("type")).endsWith("/request-too-large");
        assertNothingStored();
    }

    @Test
    void anUnknownWithdrawalDecisionIsRefused() {
        assertRefused(client.post(key, "/api/v1/wallets/vic/withdrawals/w1/pay", "{\"transaction_id_partner\":\"w1-pay\"}"),
                "invalid-request");
    }

    @Test
    void anUnknownWithdrawalModeIsRefused() {
        assertRefused(client.post(key, "/api/v1/wallets/vic/withdrawals",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"w1\",\"mode\":\"later\"}"), "invalid-request");
    }

    @Test
    void aBetOnAWalletThatDoesNotExistIsAnUnknownWallet() {
        Reply reply = client.bet(key, "nobody", "1.00", "USD", "b4");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("type")).endsWith("/unknown-wallet");
        assertThat(eventCount(partnerId, "nobody")).isZero();
        assertThat(storedKeys(partnerId)).isEqualTo(keysBefore);
    }

    @Test
    void aReadCannotWaitForAPositionNoCommandWasAnswered() {
        for (String path : new String[] {"/api/v1/wallets/vic", "/api/v1/wallets/vic/transactions", "/api/v1/wallets/vic/plays",
                "/api/v1/players/vic/activity"}) {
            Reply reply = client.get(key, path + "?consistent_with=999999999999");
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.text("field")).as(path).isEqualTo("consistent_with");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"activity:0b6f3a52-8c1e-4b7a-9a55-3f0e2d1c4b6a", "expiry:w-1", "round-timeout:0b6f3a52-8c1e-4b7a-9a55-3f0e2d1c4b6a"})
    void theLedgersOwnKeyNamespacesAreNotAPartnersKeys(String reserved) {
        assertRefused(client.post(key, "/api/v1/wallets/vic/deposits",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + reserved + "\"}"), "invalid-request");
        assertRefused(client.send("POST", "/api/v1/wallets/vic/deposits", "{\"amount\":\"1.00\",\"currency\":\"USD\"}",
                "X-API-Key", key, "Idempotency-Key", reserved), "invalid-request");
    }

    private void assertRefused(Reply reply, String type) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("https://chipledger.dev/problems/" + type);
        assertThat(reply.text("detail")).isNotBlank();
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(eventCount(partnerId, "vic")).isEqualTo(eventsBefore);
        assertThat(storedKeys(partnerId)).isEqualTo(keysBefore);
    }
}
