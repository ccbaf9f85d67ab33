package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import java.time.Instant;
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
                    read -> everyIdTwice(ledger(read), ids(stored)), WAIT_MAX);
            assertThat(ids(ledger(all))).isEqualTo(ids(stored));

            // The consumer of the documentation: apply each transaction message once, by its event_id.
            Set<String> applied = new HashSet<>();
            Map<String, Long> balances = new HashMap<>();
            int transactionMessages = 0;
            for (Message message : all) {
                if (!message.topic().equals(StreamTopics.DEFAULT.transactionCreated())) {
                    continue;
                }
                transactionMessages++;
                if (applied.add(message.envelope().get("event_id").asText())) {
                    JsonNode data = message.data();
                    balances.merge(data.get("player_id").asText(), data.get("player_delta_minor").asLong(), Long::sum);
                }
            }
            assertThat(transactionMessages).as("every movement came twice").isEqualTo(2 * applied.size());
            for (String player : List.of("hal", "ivy")) {
                JsonNode wallet = client.get(partner[1], "/api/v1/wallets/" + player).body();
                assertThat(balances.get(player)).as(player)
                        .isEqualTo(new java.math.BigDecimal(wallet.at("/balances/USD/available").asText()).movePointRight(2).longValueExact());
            }
        }
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

    private static boolean everyIdTwice(List<Message> messages, Set<String> ids) {
        Map<String, Integer> copies = new HashMap<>();
        messages.forEach(message -> copies.merge(message.header("event_id"), 1, Integer::sum));
        return ids.stream().allMatch(id -> copies.getOrDefault(id, 0) >= 2);
    }
}
