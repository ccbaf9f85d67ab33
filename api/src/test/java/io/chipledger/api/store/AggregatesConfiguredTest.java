package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.core.EventCatalogue;
import java.util.List;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every aggregate the catalogue stores is configured in Axon, so its commands have a handler: an
 * aggregate added to the catalogue but not to {@link AxonStoreConfiguration} had its commands
 * refused at run time (the segment change, found by its recorder parking every change).
 */
class AggregatesConfiguredTest extends LedgerApiTest {

    @Autowired
    private Configuration axon;

    @Test
    void everyStoredAggregateIsConfigured() {
        List<Class<?>> aggregates = EventCatalogue.STORED_TYPES.stream()
                .filter(type -> !type.getAnnotation(JsonTypeName.class).value().endsWith("Event")).toList();
        List<Class<?>> configured = axon.findModules(AggregateConfiguration.class).stream()
                .<Class<?>>map(AggregateConfiguration::aggregateType).toList();

        assertThat(aggregates).hasSizeGreaterThan(5);
        assertThat(configured).containsExactlyInAnyOrderElementsOf(aggregates);
    }
}
