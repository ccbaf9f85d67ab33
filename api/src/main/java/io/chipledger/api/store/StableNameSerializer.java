package io.chipledger.api.store;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chipledger.core.EventCatalogue;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, storing the types of {@link EventCatalogue} under their
 * {@code @JsonTypeName} instead of their Java class name: a class may be renamed or moved and
 * stored history still reads. JSON fields are snake_case, the public event schema.
 */
public class StableNameSerializer extends JacksonSerializer {

    private final Map<Class<?>, String> nameByType;
    private final Map<String, Class<?>> typeByName;

    public StableNameSerializer() {
        super(JacksonSerializer.builder()
                .objectMapper(eventObjectMapper())
                .revisionResolver(new AnnotationRevisionResolver()));
        this.nameByType = new HashMap<>();
        this.typeByName = new HashMap<>();
        for (Class<?> type : EventCatalogue.STORED_TYPES) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            if (name == null || typeByName.put(name.value(), type) != null) {
                throw new IllegalStateException(type + " needs a unique @JsonTypeName to be stored");
            }
            nameByType.put(type, name.value());
        }
    }

    public static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                // A field added to an event later must not make older readers fail.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        String name = nameByType.get(type);
        return name == null ? super.typeForClass(type) : new SimpleSerializedType(name, getRevisionResolver().revisionOf(type));
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        Class<?> type = typeByName.get(serializedType.getName());
        return type == null ? super.resolveClassName(serializedType) : type.getName();
    }
}
