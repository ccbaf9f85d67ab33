package io.chipledger.api.store;

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
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("actor", "partner_id", "request_ip", "user_agent", "idempotency_key");
    }
}
