package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.kafka.StreamTopics;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.kafka.TopicReader.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker stopped in the middle of a run: commands go on, the publisher waits and retries, and
 * when the broker is back every event arrives; duplicates are allowed and counted, losses none
 * (issue 16).
 */
class KafkaOutageTest extends KafkaTestSupport {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutageTest.class);

    @Test
    void nothingIsLostWhileTheBrokerIsAway() throws Exception {
        String[] partner = client.newPartner();
        play(partner[1], List.of("eve", "fay", "gus"), 2);
        client.deposit(partner[1], "gus", "10000.00", "USD");

        // A run of commands, with the broker stopped in its middle and started again before its end.
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            int sent = 0;
            while (running.get() || sent < 20) {
                assertThat(client.bet(partner[1], "gus", "0.10", "USD", "gus-run-" + sent).status()).isEqualTo(200);
                sent++;
            }
            return sent;
        });
        Thread.sleep(500);
        InJvmKafka kafka = broker.inJvmBroker();
        kafka.stop();
        try {
            play(partner[1], List.of("eve"), 5);
            Reply health = LedgerClient.eventually(() -> client.admin("GET", "/actuator/health", null),
                    reply -> reply.body().at("/components/kafka/status").asText().equals("DEGRADED"));
            assertThat(health.body().at("/components/kafka/details/publisher").asText()).startsWith("retrying");
            assertThat(health.body().at("/components/kafka/details/lag_events").asLong()).isPositive();
        } finally {
            kafka.restart();
        }
        Thread.sleep(500);
        running.set(false);
        log.info("Broker outage: {} commands sent by the run, every one answered 200", run.get(2, TimeUnit.MINUTES));
        play(partner[1], List.of("fay"), 2);

        List<StoredEvent> stored = storedEvents(partner[0]);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), StreamTopics.DEFAULT.ledgerEvents())) {
            List<Message> messages = reader.readUntil(TopicReader.ofPartner(partner[0]),
                    read -> ids(read).containsAll(ids(stored)), WAIT_MAX);

            assertThat(ids(messages)).as("every event, none missing").isEqualTo(ids(stored));
            long duplicates = messages.size() - ids(messages).size();
            log.info("Broker outage: {} events, {} messages, {} duplicates", stored.size(), messages.size(), duplicates);
            // The consumer of docs/events.md that needs each wallet as stored applies only the next sequence of a key.
            Map<String, Long> applied = new HashMap<>();
            for (Message message : messages) {
                long sequence = Long.parseLong(message.header("sequence"));
                if (sequence == applied.getOrDefault(message.key(), -1L) + 1) {
                    applied.put(message.key(), sequence);
                }
            }
            for (String player : List.of("eve", "fay", "gus")) {
                assertThat(applied.get(partner[0] + ":" + player)).as("the last event of %s applied", player)
                        .isEqualTo(eventCount(partner[0], player) - 1);
            }
        }
    }
}
