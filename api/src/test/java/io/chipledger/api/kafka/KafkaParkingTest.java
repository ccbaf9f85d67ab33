package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An event the topics cannot take (here: over a topic's lowered max.message.bytes) is parked in the
 * publisher's dead-letter queue, and everyone else's events go on; once the topic takes it again, a
 * retry of the parked events publishes it (issue 16: a bad event never holds the stream).
 */
class KafkaParkingTest extends KafkaTestSupport {

    private static final String ALL_TOPICS_LARGE = "chipledger.ledger.events";

    @Autowired
    MessageLimit limit;

    @Test
    void anEventTooLargeForTheTopicIsParkedAndTheOthersGoOn() throws Exception {
        String[] partner = client.newPartner();
        // As if a topic took messages up to 1,500 bytes: an activity with a 2 KB meta is over it, a deposit is not.
        limit.topics(Map.of(ALL_TOPICS_LARGE, 1_500 + MessageLimit.RECORD_OVERHEAD_BYTES));
        try {
            Reply large = client.post(partner[1], "/api/v1/players/ned/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\""
                    + UUID.randomUUID() + "\",\"meta\":{\"note\":\"" + "n".repeat(1_900) + "\"},\"occurred_at\":\"" + Instant.now() + "\"}");
            assertThat(large.status()).as(large.raw()).isBetween(200, 202);
            client.deposit(partner[1], "oli", "5.00", "USD");

            try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents())) {
                List<Message> others = reader.readUntil(TopicReader.ofPartner(partner[0]),
                        read -> read.stream().anyMatch(message -> message.key().equals(partner[0] + ":oli")
                                && message.header("event_type").equals("wallet.FundsDepositedEvent")), WAIT_MAX);
                assertThat(others).noneMatch(message -> message.header("event_type").equals("profile.PlayerActivityRecordedEvent")
                        && message.key().endsWith(":ned"));
            }
            Reply parked = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/projections/kafka-publisher/dead-letters", null),
                    reply -> reply.body().path("parked").size() > 0);
            assertThat(parked.body().path("parked").get(0).path("event_type").asText()).isEqualTo("profile.PlayerActivityRecordedEvent");
            assertThat(parked.body().path("parked").get(0).path("cause_message").asText()).contains("over the limit of 1500");
        } finally {
            limit.topics(Map.of(ALL_TOPICS_LARGE, KafkaSettings.MESSAGE_BYTES_MAX));
        }

        assertThat(client.admin("POST", "/admin/v1/projections/kafka-publisher/dead-letters/retry", null).status()).isEqualTo(200);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents())) {
            reader.readUntil(TopicReader.ofPartner(partner[0]), read -> read.stream()
                    .anyMatch(message -> message.header("event_type").equals("profile.PlayerActivityRecordedEvent")
                            && message.key().endsWith(":ned")), WAIT_MAX);
        }
    }
}
