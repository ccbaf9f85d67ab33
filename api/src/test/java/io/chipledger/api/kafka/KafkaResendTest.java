package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A resend (the publisher's position moved back) publishes history again, and a consumer that
 * remembers the event ids it has applied reads every movement once (issue 16).
 */
class KafkaResendTest extends KafkaTestSupport {

    /** The money movements of the test: each of two players deposits once, then bets and wins 4 times. */
    private static final int MOVEMENTS = 2 * (1 + 4 * 2);

    @Test
    void aResendRepublishesAndAConsumerDeduplicatesByEventId() throws Exception {
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        String[] partner = client.newPartner();
        play(partner[1], List.of("hal", "ivy"), 4);
        List<StoredEvent> stored = storedEvents(partner[0]);

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents(),
                StreamTopics.DEFAULT.transactionCreated())) {
            reader.readUntil(TopicReader.ofPartner(partner[0]), read -> ids(ledger(read)).containsAll(ids(stored)), WAIT_MAX);

            Reply resent = client.admin("POST", "/admin/v1/projections/kafka-publisher/resend?since=" + before, null);
            assertThat(resent.status()).as(resent.raw()).isEqualTo(202);
            assertThat(resent.text("name")).isEqualTo("kafka-publisher");

            List<Message> all = reader.readUntil(TopicReader.ofPartner(partner[0]),
                    read -> everyIdTwice(ledger(read), ids(stored)) && ids(transactions(read)).size() == MOVEMENTS
                            && everyIdTwice(transactions(read), ids(transactions(read))), WAIT_MAX);
            assertThat(ids(ledger(all))).isEqualTo(ids(stored));

            // The consumer of the documentation: apply each transaction message once, by its event_id.
            Set<String> applied = new HashSet<>();
            Map<String, Long> balances = new HashMap<>();
            int transactionMessages = 0;
            for (Message message : transactions(all)) {
                transactionMessages++;
                if (applied.add(message.envelope().get("event_id").asText())) {
                    JsonNode data = message.data();
                    balances.merge(data.get("player_id").asText(), data.get("player_delta_minor").asLong(), Long::sum);
                }
            }
            assertThat(applied).hasSize(MOVEMENTS);
            assertThat(transactionMessages).as("every movement came twice").isEqualTo(2 * MOVEMENTS);
            for (String player : List.of("hal", "ivy")) {
                JsonNode wallet = client.get(partner[1], "/api/v1/wallets/" + player).body();
                assertThat(balances.get(player)).as(player)
                        .isEqualTo(new java.math.BigDecimal(wallet.at("/balances/USD/available").asText()).movePointRight(2).longValueExact());
            }
        }
    }

    /**
     * Resends at once, then one from an instant past where the publisher stands (it is held back by
     * the broker being away): the publisher goes on, and no event it had not yet sent is skipped.
     */
    @Test
    void resendsAtOnceStopNothingAndNeverSkipWhatWasNotSent() throws Exception {
        List<CompletableFuture<Integer>> resends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            resends.add(CompletableFuture.supplyAsync(
                    () -> client.admin("POST", "/admin/v1/projections/kafka-publisher/resend?since=" + Instant.now(), null).status()));
        }
        for (CompletableFuture<Integer> resend : resends) {
            assertThat(resend.get(1, TimeUnit.MINUTES)).isEqualTo(202);
        }
        String[] partner = client.newPartner();
        InJvmKafka kafka = broker.inJvmBroker();
        kafka.stop();
        try {
            play(partner[1], List.of("kim"), 3);
            Reply ahead = client.admin("POST", "/admin/v1/projections/kafka-publisher/resend?since=" + Instant.now().plusSeconds(3_600), null);
            assertThat(ahead.status()).isEqualTo(202);
            assertThat(ahead.body().path("lag_events").asLong()).as("the position stayed where the publisher stands").isPositive();
        } finally {
            kafka.restart();
        }
        List<StoredEvent> stored = storedEvents(partner[0]);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents())) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]), read -> ids(read).containsAll(ids(stored)), WAIT_MAX);
            assertThat(ids(messages)).isEqualTo(ids(stored));
        }
    }

    @Test
    void aQueryStringThatDoesNotDecodeIsRefusedNotIgnored() {
        long before = positionOfThePublisher();
        // Sent as raw bytes: Java's HTTP client refuses to send such a query string at all.
        for (String query : List.of("since=%zz", "since=2026-01-01T00:00:00Z%", "since=%C3%28")) {
            String answer = client.raw("POST /admin/v1/projections/kafka-publisher/resend?" + query + " HTTP/1.1\r\nHost: x\r\n"
                    + "X-Admin-Key: " + LedgerClient.ADMIN_KEY + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(query).startsWith("HTTP/1.1 400").contains("invalid-request");
        }
        assertThat(client.raw("GET /admin/v1/projections?x=%zz HTTP/1.1\r\nHost: x\r\nX-Admin-Key: " + LedgerClient.ADMIN_KEY
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
        // A form body's fields were read as parameters, past the query string's checks: no endpoint takes a form.
        String form = client.raw("POST /admin/v1/projections/kafka-publisher/resend HTTP/1.1\r\nHost: x\r\nX-Admin-Key: "
                + LedgerClient.ADMIN_KEY + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n"
                + "Connection: close\r\n\r\nsince=%zz");
        assertThat(form).startsWith("HTTP/1.1 415").contains("http-415");
        assertThat(positionOfThePublisher()).as("nothing was resent").isGreaterThanOrEqualTo(before);
    }

    private long positionOfThePublisher() {
        for (JsonNode projection : client.admin("GET", "/admin/v1/projections", null).body()) {
            if (projection.path("name").asText().equals("kafka-publisher")) {
                return projection.path("position").asLong();
            }
        }
        throw new AssertionError("kafka-publisher is not listed");
    }

    @Test
    void onlyADeliveryGroupIsResent() {
        Reply readModel = client.admin("POST", "/admin/v1/projections/wallet-balances/resend", null);
        assertThat(readModel.status()).isEqualTo(404);
        assertThat(readModel.text("type")).endsWith("unknown-projection");
        assertThat(readModel.text("detail")).contains("kafka-publisher");
        Reply badInstant = client.admin("POST", "/admin/v1/projections/kafka-publisher/resend?since=yesterday", null);
        assertThat(badInstant.status()).isEqualTo(400);
    }

    private static List<Message> ledger(List<Message> messages) {
        return messages.stream().filter(message -> message.topic().equals(StreamTopics.DEFAULT.ledgerEvents())).toList();
    }

    private static List<Message> transactions(List<Message> messages) {
        return messages.stream().filter(message -> message.topic().equals(StreamTopics.DEFAULT.transactionCreated())).toList();
    }

    private static boolean everyIdTwice(List<Message> messages, Set<String> ids) {
        Map<String, Integer> copies = new HashMap<>();
        messages.forEach(message -> copies.merge(message.header("event_id"), 1, Integer::sum));
        return ids.stream().allMatch(id -> copies.getOrDefault(id, 0) >= 2);
    }
}
