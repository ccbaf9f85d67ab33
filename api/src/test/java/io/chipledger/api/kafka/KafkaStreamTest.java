package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.kafka.TopicReader.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event reaches Kafka, each wallet's in its order, none missing (issue 16), read by a consumer
 * that knows only docs/events.md ({@link TopicReader}). The test context publishes to its own
 * in-JVM KRaft broker.
 */
class KafkaStreamTest extends KafkaTestSupport {

    @Test
    void everyEventArrivesOnceInItsWalletsOrder() throws Exception {
        String[] partner = client.newPartner();
        List<String> players = List.of("ann", "bob", "cai");
        play(partner[1], players, 8);

        List<StoredEvent> stored = storedEvents(partner[0]);
        assertThat(stored).hasSizeGreaterThan(players.size() * 17);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents())) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]),
                    read -> ids(read).containsAll(ids(stored)), WAIT_MAX);

            assertThat(messages).as("each event once, nothing else").hasSize(stored.size());
            assertThat(ids(messages)).isEqualTo(ids(stored));
            for (Message message : messages) {
                assertThat(message.header("event_id")).isEqualTo(message.envelope().get("event_id").asText());
                assertThat(message.header("event_type")).isEqualTo(message.envelope().get("event_type").asText());
            }
            // Per wallet (the key), the messages arrive in the order of the wallet's own events, without a gap.
            Map<String, List<Long>> sequences = new LinkedHashMap<>();
            messages.forEach(message -> sequences.computeIfAbsent(message.key(), key -> new ArrayList<>())
                    .add(Long.parseLong(message.header("sequence"))));
            for (String player : players) {
                List<Long> wallet = sequences.get(partner[0] + ":" + player);
                assertThat(wallet).as("the events of %s in order", player)
                        .isEqualTo(java.util.stream.LongStream.range(0, wallet.size()).boxed().toList());
                assertThat(wallet).hasSize((int) eventCount(partner[0], player));
            }
        }
        // Caught up: the lag the gauge and the health component give is 0, the acknowledged messages counted.
        LedgerClient.Reply lag = LedgerClient.eventually(() -> client.admin("GET", "/actuator/metrics/chipledger.kafka.lag.events", null),
                reply -> reply.body().at("/measurements/0/value").asDouble() == 0);
        assertThat(lag.body().at("/measurements/0/value").asDouble()).isZero();
        assertThat(client.admin("GET", "/actuator/metrics/chipledger.kafka.published.messages", null).body()
                .at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(stored.size());
        assertThat(client.admin("GET", "/actuator/health", null).body().at("/components/kafka/status").asText()).isEqualTo("UP");
    }

    @Test
    void eachMoneyMovementIsATransactionMessage() throws Exception {
        String[] partner = client.newPartner();
        client.post(partner[1], "/api/v1/wallets/dee/deposits",
                "{\"amount\":\"100.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-dep\"}");
        client.bet(partner[1], "dee", "10.50", "USD", "d-bet");
        client.post(partner[1], "/api/v1/wallets/dee/withdrawals",
                "{\"amount\":\"20.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"d-wd\"}");

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.transactionCreated())) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]), read -> read.size() >= 3, WAIT_MAX);

            assertThat(messages).extracting(message -> message.data().get("partner_transaction_id").asText())
                    .containsExactly("d-dep", "d-bet", "d-wd");
            assertThat(messages).extracting(message -> message.data().get("type").asText() + " " + message.data().get("amount").asText()
                    + " " + message.data().get("currency").asText() + " " + message.data().get("status").asText()
                    + " " + message.data().get("balance_after").asText())
                    .containsExactly("DEPOSIT 100.00 USD COMPLETED 100.00", "BET 10.50 USD COMPLETED 89.50",
                            "WITHDRAWAL 20.00 USD COMPLETED 69.50");
            assertThat(messages).allSatisfy(message -> {
                assertThat(message.envelope().get("event_type").asText()).isEqualTo("transaction.created");
                assertThat(message.data().get("player_id").asText()).isEqualTo("dee");
                assertThat(message.key()).isEqualTo(partner[0] + ":dee");
            });
            assertThat(messages.get(1).data().get("player_delta_minor").asLong()).isEqualTo(-1050);
        }
    }
}
