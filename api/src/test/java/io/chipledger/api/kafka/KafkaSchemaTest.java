package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A consumer written against docs/events.md alone reads every topic: each message is the
 * documented envelope with the documented headers, and its {@code data} has the fields of its
 * type's example, no more and no fewer (issue 16). EventsDocTest holds the examples to the code.
 */
class KafkaSchemaTest extends KafkaTestSupport {

    private static final Set<String> HEADERS = Set.of("event_id", "event_type", "sequence", "partner_id", "correlation_id");

    @Test
    void everyMessageOnEveryTopicIsAsDocumented() throws Exception {
        String[] partner = client.newPartner();
        String key = partner[1];
        String wallet = "/admin/v1/partners/" + partner[0] + "/wallets/jon";
        ok(client.post(key, "/api/v1/wallets/jon/deposits", "{\"amount\":\"50.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"s-dep\"}"));
        ok(client.bet(key, "jon", "2.00", "USD", "s-bet"));
        ok(client.post(key, "/api/v1/wallets/jon/wins", "{\"amount\":\"3.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-s-bet\",\"transaction_id_partner\":\"s-win\",\"bet_transaction_id_partner\":\"s-bet\"}"));
        ok(client.bet(key, "jon", "1.00", "USD", "s-bet-2"));
        ok(client.post(key, "/api/v1/wallets/jon/rollbacks", "{\"transaction_id_partner\":\"s-rb\",\"rolled_back_transaction_id_partner\":\"s-bet-2\"}"));
        ok(client.post(key, "/api/v1/wallets/jon/withdrawals", "{\"amount\":\"5.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"s-wd\",\"mode\":\"two_phase\"}"));
        ok(client.post(key, "/api/v1/wallets/jon/withdrawals/s-wd/approve", "{\"transaction_id_partner\":\"s-wd-ok\"}"));
        ok(client.admin("POST", wallet + "/adjustments", "{\"amount\":\"-1.00\",\"currency\":\"USD\",\"reason\":\"chargeback\",\"transaction_id_partner\":\"s-adj\"}"));
        ok(client.grantTokens(partner[0], "jon", "DICE_TOKEN", "5", "s-grant"));
        ok(client.post(key, "/api/v1/wallets/jon/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\",\"stake\":{\"token_type\":\"DICE_TOKEN\","
                + "\"amount\":\"1\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"5\"}],\"outcome\":{\"result\":\"WIN\"},"
                + "\"transaction_id_partner\":\"s-play\",\"event_id\":\"" + UUID.randomUUID() + "\"}"));
        ok(client.admin("POST", wallet + "/freeze", "{\"reason\":\"review\"}", "Idempotency-Key", "s-freeze"));
        ok(client.admin("POST", wallet + "/unfreeze", "{\"reason\":\"cleared\"}", "Idempotency-Key", "s-unfreeze"));
        Reply alert = client.admin("POST", "/admin/v1/aml/alerts", "{\"partner_id\":\"" + partner[0] + "\",\"player_id\":\"jon\","
                + "\"type\":\"sanctions_hit\",\"severity\":\"HIGH\",\"score\":70,\"note\":\"list match\"}", "Idempotency-Key", "s-aml");
        ok(alert);

        String alertId = alert.body().at("/alert/alert_id").asText();
        Map<String, JsonNode> examples = EventsDoc.examples();
        List<StoredEvent> stored = storedEvents(partner[0]);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.all().toArray(String[]::new))) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]),
                    read -> ids(on(read, StreamTopics.DEFAULT.ledgerEvents())).containsAll(ids(stored))
                            && on(read, StreamTopics.DEFAULT.amlAlertCreated()).stream()
                                    .anyMatch(message -> message.data().get("alert_id").asText().equals(alertId))
                            && on(read, StreamTopics.DEFAULT.transactionCreated()).size() >= 10
                            && !on(read, StreamTopics.DEFAULT.playerSegmentChanged()).isEmpty(), WAIT_MAX);

            for (Message message : messages) {
                assertThat(EventsDoc.fields(message.envelope())).isEqualTo(EventsDoc.fields(EventsDoc.envelope()));
                assertThat(HEADERS).containsAll(message.headers().keySet());
                assertThat(message.headers()).containsKeys("event_id", "event_type", "sequence");
                String type = message.envelope().get("event_type").asText();
                assertThat(examples).as("docs/events.md documents %s", type).containsKey(type);
                assertThat(EventsDoc.fields(message.data())).as("the fields of %s", type).isEqualTo(EventsDoc.fields(examples.get(type)));
            }
            assertThat(on(messages, StreamTopics.DEFAULT.amlAlertCreated()))
                    .extracting(message -> message.data().get("type").asText()).containsExactly("sanctions_hit");
            assertThat(on(messages, StreamTopics.DEFAULT.transactionCreated()))
                    .extracting(message -> message.data().get("type").asText() + " " + message.data().get("currency").asText())
                    .containsExactly("DEPOSIT USD", "BET USD", "WIN USD", "BET USD", "ROLLBACK USD", "WITHDRAWAL USD", "WITHDRAWAL USD",
                            "ADJUSTMENT USD", "TOKEN_GRANT DICE_TOKEN", "PLAY CC_COIN", "PLAY DICE_TOKEN");
            // jon's first event put him in a segment: one change, keyed by him, recorded by the segment recorder.
            List<Message> segments = on(messages, StreamTopics.DEFAULT.playerSegmentChanged());
            assertThat(segments).extracting(Message::key).containsOnly(partner[0] + ":jon");
            assertThat(segments.get(0).data().get("from_segment").isNull()).isTrue();
            assertThat(segments.get(0).data().get("to_segment").asText()).isEqualTo("NEW");
        }
    }

    private static List<Message> on(List<Message> messages, String topic) {
        return messages.stream().filter(message -> message.topic().equals(topic)).toList();
    }

    private static void ok(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isBetween(200, 201);
    }
}
