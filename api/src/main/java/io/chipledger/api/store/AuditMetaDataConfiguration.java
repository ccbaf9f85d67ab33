package io.chipledger.api.store;

import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Copies who sent a command, from where and under which key, from the command's metadata to
 * every event it causes, so the history answers "who did this" without another table.
 * Axon's own provider adds the correlation and causation ids.
 */
@Configuration(proxyBeanMethods = false)
class AuditMetaDataConfiguration {

    /** Declared here because Axon adds its default only when no provider is declared. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return commandsOnly(new MessageOriginProvider());
    }

    @Bean
    CorrelationDataProvider auditMetaData() {
        return commandsOnly(new SimpleCorrelationDataProvider("actor", "partner_id", "request_ip", "user_agent", "idempotency_key"));
    }

    /**
     * Only commands cause events here; projections cause nothing. Axon still asks the providers
     * for every event a projection handles (for the result message of each event), and answering
     * means deserializing the event's metadata: measured at a tenth of a projection's CPU.
     */
    private static CorrelationDataProvider commandsOnly(CorrelationDataProvider provider) {
        return message -> message instanceof CommandMessage<?> ? provider.correlationDataFor(message) : Map.of();
    }
}
