package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place request bodies are made strict: Spring's ObjectMapper reads every body and is
 * used for nothing else (events, snapshots and stored outcomes have mappers of their own, which
 * must keep reading history as it was written). A duplicate key, content after the document, or a
 * JSON value of another kind than the field's (no coercion either way between text, numbers and
 * booleans) is refused; decimals, instants and texts have grammars of their own.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** Far above any field's own bound, far below anything that costs: our bodies are at most 16 KiB. */
    static final int NUMBER_LENGTH_MAX = 100;
    static final int NESTING_DEPTH_MAX = 32;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS, DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(StrictJsonConfiguration::refuseCoercions);
    }

    /**
     * A bean, so Spring Boot installs it after Jackson's well-known modules and its readers win over
     * theirs. Every decimal the API writes is text, as its amounts are ({@code "0.0500"}, never
     * {@code 0.0500}): a number would be a double in a generated client, and the contract says string.
     */
    @Bean
    Module strictRequestValues() {
        return new SimpleModule("strict-request-values")
                .addDeserializer(String.class, new StrictTextDeserializer())
                .addDeserializer(BigDecimal.class, new StrictDecimalDeserializer())
                .addDeserializer(Instant.class, new StrictInstantDeserializer())
                .addSerializer(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
                    @Override
                    public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                        generator.writeString(value.toPlainString());
                    }
                });
    }

    private static void refuseCoercions(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(NUMBER_LENGTH_MAX).maxNestingDepth(NESTING_DEPTH_MAX).build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
