package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.campaign.Campaigns;
import io.chipledger.api.kafka.TopicReader.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each campaign delivery is one message on {@code campaign.reward.delivered} (issue 20), keyed by
 * the player and carrying the message rendered for them, for the services that notify players;
 * read by a consumer that knows only docs/events.md.
 */
class CampaignKafkaTest extends KafkaTestSupport {

    @Test
    void eachDeliveryIsOneMessageKeyedByThePlayerWithItsRenderedText() throws Exception {
        String[] partner = client.newPartner();
        Campaigns.openWallets(client, partner[0], "kf", 3);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 3, WAIT_MAX);
        String campaignId = Campaigns.scheduled(client, partner[0], Campaigns.tokenGrant("Kafka week", "NEW", "5"));
        assertThat(Campaigns.awaitPaid(jdbc, campaignId, 3, WAIT_MAX)).isEqualTo(3);

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.campaignRewardDelivered())) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]), read -> read.size() >= 3, WAIT_MAX);
            assertThat(messages).hasSize(3);
            assertThat(messages).extracting(Message::key).containsExactlyInAnyOrder(partner[0] + ":kf00000", partner[0] + ":kf00001",
                    partner[0] + ":kf00002");
            for (Message message : messages) {
                String player = message.data().get("player_id").asText();
                assertThat(message.key()).isEqualTo(partner[0] + ":" + player);
                assertThat(message.envelope().get("event_type").asText()).isEqualTo("campaign.CampaignRewardDeliveredEvent");
                assertThat(message.data().get("campaign_id").asText()).isEqualTo(campaignId);
                assertThat(message.data().get("message").asText()).isEqualTo("Hi " + player + ": 5 ROULETTE_COIN from Kafka week");
                assertThat(message.data().at("/reward/amount_minor").asLong()).isEqualTo(5);
                assertThat(EventsDoc.fields(message.data())).isEqualTo(EventsDoc.fields(EventsDoc.examples()
                        .get("campaign.CampaignRewardDeliveredEvent")));
            }
            assertThat(messages.stream().map(message -> message.header("event_id")).distinct()).hasSize(3);
        }
        // Nothing more is delivered, so nothing more is sent: a second pass meets the keys, or finds everyone paid.
        Thread.sleep(Duration.ofSeconds(2).toMillis());
        assertThat(Campaigns.rewardsPaid(jdbc, campaignId)).isEqualTo(3);
    }
}
