package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.EventCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/event-catalogue.md names every type the store holds, under its stored name: the catalogue cannot drift from the code. */
class EventCatalogueDocTest {

    @Test
    void everyStoredTypeIsInTheEventCatalogue() throws Exception {
        String catalogue = Files.readString(Path.of("..", "docs", "event-catalogue.md"));
        List<String> missing = EventCatalogue.STORED_TYPES.stream()
                .map(type -> type.getAnnotation(JsonTypeName.class).value())
                .filter(name -> !catalogue.contains("`" + name + "`"))
                .toList();

        assertThat(missing).as("stored types that docs/event-catalogue.md does not name").isEmpty();
    }
}
