package io.chipledger.api.kafka;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest message the publisher sends: {@code chipledger.kafka.message-bytes-max}, or less when
 * a topic's own {@code max.message.bytes} (an operator's cluster may set it lower) would refuse it.
 * An event over it is parked by the publisher's handler; without this, the broker would refuse its
 * batch at every retry and hold every event behind it for ever.
 */
final class MessageLimit {

    /** Room for the record batch's and the record's own headers inside a topic's limit. */
    static final int RECORD_OVERHEAD_BYTES = 512;

    private static final Logger log = LoggerFactory.getLogger(MessageLimit.class);

    private final int configured;
    private final AtomicInteger bytes;

    MessageLimit(int configured) {
        this.configured = configured;
        this.bytes = new AtomicInteger(configured);
    }

    int bytes() {
        return bytes.get();
    }

    /** Takes the topics' {@code max.message.bytes}, by topic, as the broker reported them. */
    void topics(Map<String, Integer> maxMessageBytes) {
        int limit = configured;
        for (Map.Entry<String, Integer> topic : maxMessageBytes.entrySet()) {
            int room = topic.getValue() - RECORD_OVERHEAD_BYTES;
            if (room < limit) {
                log.warn("Kafka topic {} takes messages up to {} bytes, below chipledger.kafka.message-bytes-max ({}): larger events "
                        + "are parked", topic.getKey(), topic.getValue(), configured);
                limit = room;
            }
        }
        bytes.set(Math.max(limit, 1));
    }
}
