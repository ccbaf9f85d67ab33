package io.chipledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core promise: exactly once per key, under retries and under concurrency. */
class IdempotencyTest extends LedgerApiTest {

    private static final int IDENTICAL_REQUESTS = 50;
    private static final int CONCURRENT_BETS = 100;

    @Test
    void fiftyConcurrentIdenticalRequestsMakeOneEventAndFiftyIdenticalAnswers() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "pat", "1.00", "USD");
        String body = "{\"amount\":\"12.34\",\"currency\":\"USD\",\"transaction_id_partner\":\"same-key\"}";

        List<Reply> replies = concurrently(IDENTICAL_REQUESTS,
                () -> client.post(partner[1], "/api/v1/wallets/pat/deposits", body));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::raw).distinct()).hasSize(1);
        assertThat(replies.stream().filter(reply -> !reply.replayed())).hasSize(1);
        assertThat(replies.get(0).text("balance")).isEqualTo("13.34");
        assertThat(eventCount(partner[0], "pat", "wallet.FundsDepositedEvent")).isEqualTo(2);
    }

    @Test
    void aRetryAnswersTheStoredResultEvenAfterLaterCommands() {
        String[] partner = client.newPartner();
        String body = "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"dep-a\"}";
        Reply first = client.post(partner[1], "/api/v1/wallets/quinn/deposits", body);
        client.deposit(partner[1], "quinn", "7.00", "USD");

        Reply retry = client.post(partner[1], "/api/v1/wallets/quinn/deposits", body);

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.text("balance")).isEqualTo("5.00");
        assertThat(eventCount(partner[0], "quinn", "wallet.FundsDepositedEvent")).isEqualTo(2);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflictNamingTheKey() {
        String[] partner = client.newPartner();
        client.post(partner[1], "/api/v1/wallets/ray/deposits", "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"k-1\"}");

        Reply conflict = client.post(partner[1], "/api/v1/wallets/ray/deposits",
                "{\"amount\":\"6.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"k-1\"}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.text("type")).endsWith("/idempotency-key-reused");
        assertThat(conflict.text("idempotency_key")).isEqualTo("k-1");
        assertThat(eventCount(partner[0], "ray")).isEqualTo(2);
    }

    @Test
    void theIdempotencyKeyHeaderWorksLikeTheTransactionId() {
        String[] partner = client.newPartner();
        String body = "{\"amount\":\"5.00\",\"currency\":\"USD\"}";
        Reply first = client.send("POST", "/api/v1/wallets/sam/deposits", body, "X-API-Key", partner[1], "Idempotency-Key", "hdr-1");
        Reply again = client.send("POST", "/api/v1/wallets/sam/deposits", body, "X-API-Key", partner[1], "Idempotency-Key", "hdr-1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.replayed()).isTrue();
        assertThat(again.raw()).isEqualTo(first.raw());
    }

    @Test
    void aRefusedCommandStoresNothingAndMayBeRetried() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "tia", "1.00", "USD");
        long keysBefore = storedKeys(partner[0]);

        Reply refused = client.bet(partner[1], "tia", "2.00", "USD", "bet-x");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("available_minor").asLong()).isEqualTo(100);
        assertThat(storedKeys(partner[0])).isEqualTo(keysBefore);

        client.deposit(partner[1], "tia", "5.00", "USD");
        Reply accepted = client.bet(partner[1], "tia", "2.00", "USD", "bet-x");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("balance")).isEqualTo("4.00");
    }

    @Test
    void aHundredConcurrentBetsNeverOverdrawAndTheBalanceIsExact() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "uma", "50.00", "USD");
        int[] next = {0};

        List<Reply> replies = concurrently(CONCURRENT_BETS, () -> {
            int bet;
            synchronized (next) {
                bet = next[0]++;
            }
            return client.bet(partner[1], "uma", "1.00", "USD", "bet-" + bet);
        });

        long accepted = replies.stream().filter(reply -> reply.status() == 200).count();
        long refused = replies.stream().filter(reply -> reply.status() == 422).count();
        assertThat(accepted).isEqualTo(50);
        assertThat(refused).isEqualTo(50);
        assertThat(eventCount(partner[0], "uma", "wallet.BetPlacedEvent")).isEqualTo(50);
        Reply last = client.deposit(partner[1], "uma", "0.01", "USD");
        assertThat(last.text("balance")).isEqualTo("0.01");
    }
}
