package io.chipledger.api.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No projection swallows an error, and none stalls everyone behind one event.
 *
 * <p>Every tracking group has Axon's dead-letter queue in PostgreSQL (table
 * {@code dead_letter_entry}, V10): an event its handler fails on is parked with its cause
 * ({@link ParkingPolicy}), the later events of the same wallet or profile are parked behind it so
 * each one's order is kept, and the events of everyone else go on. Parked events show in health
 * and metrics and are retried by an operator ({@link DeadLetters}). Groups without a queue (the
 * subscribing ones, which run in the command's transaction) propagate a handler's error, so the
 * command fails instead of answering success with a read model that missed it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /**
     * Wallets (sequences) one group may have parked, and events parked behind one. Past either the
     * processor stops and retries, loudly: something is wrong with far more than one event.
     */
    static final int PARKED_SEQUENCES_MAX = 10_000;
    static final int PARKED_PER_SEQUENCE_MAX = 10_000;

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    @Bean
    ConfigurerModule deadLetterQueues(ConnectionProvider connections, TransactionManager transactions, Serializer serializer) {
        return configurer -> {
            configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            for (String group : TrackingGroups.ALL) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(SCHEMA)
                                .genericSerializer(serializer)
                                .eventSerializer(serializer)
                                .maxSequences(PARKED_SEQUENCES_MAX)
                                .maxSequenceSize(PARKED_PER_SEQUENCE_MAX)
                                .build())
                        .registerDeadLetterPolicy(group, c -> new ParkingPolicy())
                        // The cache spares a query per event while nothing is parked; a rebuild empties the group's queue
                        // because it handles every event again.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (c, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
            }
        };
    }
}
