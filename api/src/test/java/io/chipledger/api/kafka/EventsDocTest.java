package io.chipledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chipledger.analytics.kafka.StreamMappings;
import io.chipledger.analytics.kafka.TransactionCreated;
import io.chipledger.api.store.StableNameSerializer;
import io.chipledger.core.EventCatalogue;
import io.chipledger.core.ledger.Posting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md is the schema of what the publisher sends: every event type has its example, and
 * each example is exactly what the code writes (read into the event's class with no unknown field
 * allowed and written again, it is the same JSON, so no field can be added, dropped, renamed or
 * change its type in the code without this failing). KafkaSchemaTest holds the live messages to the
 * same examples. A set (a key's scopes, roles) is written in no set order, so its examples hold one element.
 */
class EventsDocTest {

    /** The stored form, refusing what the class does not have (the service's own reads tolerate new fields). */
    private static final ObjectMapper EVENTS = StableNameSerializer.eventObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addHandler(new DeserializationProblemHandler() {
                // A posting writes whether its account is the player's (isPlayerAccount), a figure derived from the account.
                @Override
                public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                                     Object bean, String property) throws java.io.IOException {
                    if (property.equals("player_account") && deserializer.handledType() == Posting.class) {
                        parser.skipChildren();
                        return true;
                    }
                    return false;
                }
            });
    private static final ObjectMapper MESSAGES = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<String> WITH_SECRET_HASH = List.of("partner.ApiKeyIssuedEvent", "admin.AdminKeyIssuedEvent");

    @Test
    void everyEventTypeHasAnExampleThatIsWhatTheCodeWrites() throws Exception {
        Map<String, JsonNode> examples = EventsDoc.examples();
        List<Class<?>> eventTypes = EventCatalogue.STORED_TYPES.stream()
                .filter(type -> type.getAnnotation(JsonTypeName.class).value().endsWith("Event")).toList();
        assertThat(eventTypes).hasSizeGreaterThan(30);
        for (Class<?> type : eventTypes) {
            String name = type.getAnnotation(JsonTypeName.class).value();
            assertThat(examples).as("docs/events.md has no example of %s", name).containsKey(name);
            ObjectNode example = (ObjectNode) examples.get(name);
            ObjectNode stored = example.deepCopy();
            if (WITH_SECRET_HASH.contains(name)) {
                assertThat(example.has("secret_hash")).as("%s is published without its secret_hash", name).isFalse();
                stored.put("secret_hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            }
            JsonNode written = EVENTS.valueToTree(EVENTS.treeToValue(stored, type));
            if (WITH_SECRET_HASH.contains(name)) {
                ((ObjectNode) written).remove("secret_hash");
            }
            assertThat(plain(written)).as("the example of %s against the code", name).isEqualTo(example);
        }
    }

    @Test
    void theTransactionMessageIsWhatTheCodeWrites() throws Exception {
        JsonNode example = EventsDoc.examples().get(StreamMappings.TRANSACTION_CREATED);
        assertThat(example).as("docs/events.md has no example of transaction.created").isNotNull();
        JsonNode written = MESSAGES.valueToTree(MESSAGES.treeToValue(example, TransactionCreated.class));
        assertThat(plain(written)).as("the example of transaction.created against the code").isEqualTo(example);
    }

    /** The JSON read back as the documentation's is read, so a long and an int of the same value are the same number. */
    private static JsonNode plain(JsonNode written) throws Exception {
        return new ObjectMapper().readTree(written.toString());
    }

    @Test
    void theEnvelopeHasItsFourFields() {
        assertThat(EventsDoc.fields(EventsDoc.envelope())).containsExactly("data", "event_id", "event_type", "timestamp");
    }

    /** The settings table says the defaults application.yml gives, and names the topics the code publishes to. */
    @Test
    @SuppressWarnings("unchecked")
    void theSettingsTableSaysTheDefaultsOfApplicationYml() throws Exception {
        Map<String, Object> yml = new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(
                java.nio.file.Path.of("src", "main", "resources", "application.yml")));
        Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) yml.get("chipledger")).get("kafka");
        java.util.regex.Matcher rows = java.util.regex.Pattern.compile("^\\| `CHIPLEDGER_KAFKA_([A-Z_]+)` \\| `?([^|`]+?)`? \\|",
                java.util.regex.Pattern.MULTILINE).matcher(EventsDoc.text());
        int checked = 0;
        while (rows.find()) {
            String key = rows.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (kafka.get(key) != null && !key.equals("embedded-log-dir")) {
                assertThat(rows.group(2).strip()).as("the default of CHIPLEDGER_KAFKA_%s", rows.group(1)).isEqualTo(String.valueOf(kafka.get(key)));
                checked++;
            }
        }
        assertThat(checked).as("rows checked").isEqualTo(5);
        Map<String, Object> topics = (Map<String, Object>) kafka.get("topics");
        assertThat(topics.values()).containsExactlyElementsOf(io.chipledger.analytics.kafka.StreamTopics.DEFAULT.all());
        assertThat(EventsDoc.text()).contains(io.chipledger.analytics.kafka.StreamTopics.DEFAULT.all().stream().map(t -> "| `" + t + "` |").toList());
    }

    @Test
    void everyExampleIsOfATypeThatExists() {
        List<String> known = new java.util.ArrayList<>(EventCatalogue.STORED_TYPES.stream()
                .map(type -> type.getAnnotation(JsonTypeName.class).value()).toList());
        known.add(StreamMappings.TRANSACTION_CREATED);
        assertThat(known).containsAll(EventsDoc.examples().keySet());
    }
}
