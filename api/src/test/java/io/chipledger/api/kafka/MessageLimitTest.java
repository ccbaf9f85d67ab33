package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A topic that takes smaller messages than configured lowers the limit, so such an event is parked, not refused by the broker for ever. */
class MessageLimitTest {

    @Test
    void theLowestTopicLimitWins() {
        MessageLimit limit = new MessageLimit(1_000_000);
        limit.topics(Map.of("chipledger.ledger.events", 1_048_588, "wallet.transaction.created", 1_048_588));
        assertThat(limit.bytes()).isEqualTo(1_000_000);

        limit.topics(Map.of("chipledger.ledger.events", 1_048_588, "aml.alert.created", 100_000));
        assertThat(limit.bytes()).isEqualTo(100_000 - MessageLimit.RECORD_OVERHEAD_BYTES);

        limit.topics(Map.of("aml.alert.created", 2_000_000));
        assertThat(limit.bytes()).as("a topic raised again gives the configured limit back").isEqualTo(1_000_000);
    }
}
