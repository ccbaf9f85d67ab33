package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What the request mapper accepts, checked against the Jackson version Spring Boot brings: each
 * setting of {@link StrictJsonConfiguration} is there because one of these cases failed without it.
 */
class StrictJsonTest {

    record Body(String text, Integer count, Long value, BigDecimal amount, Instant at, List<String> names, Map<String, Object> free) {
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
        StrictJsonConfiguration configuration = new StrictJsonConfiguration();
        configuration.strictRequestBodies().customize(builder);
        builder.modulesToInstall(configuration.strictRequestValues());
        return builder.build();
    }

    private Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void aPlainBodyReads() throws Exception {
        Body body = read("{\"text\":\"a b\",\"count\":3,\"value\":-4,\"amount\":\"89.50\",\"at\":\"2026-11-01T00:00:00Z\","
                + "\"names\":[\"x\"],\"free\":{\"k\":[1,2.5,\"v\"]}}");
        assertThat(body.amount()).isEqualByComparingTo("89.50");
        assertThat(read("{\"amount\":89.50}").amount()).isEqualTo(new BigDecimal("89.50"));
        assertThat(read("{\"at\":\"\"}").at()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\":\"a\",\"text\":\"b\"}",
            "{\"free\":{\"k\":1,\"k\":2}}",
            "{\"text\":\"a\"} {}",
            "{\"text\":\"a\"} x",
            "{\"text\":12}", "{\"text\":1.5}", "{\"text\":true}", "{\"names\":[12]}", "{\"text\":[\"a\"]}",
            "{\"count\":\"3\"}", "{\"count\":1.0}", "{\"count\":true}", "{\"value\":\"\"}", "{\"count\":1e2147483647}",
            "{\"count\":99999999999999999999}",
            "{\"amount\":\"1e2147483647\"}", "{\"amount\":1e2147483647}", "{\"amount\":1e-2147483647}", "{\"amount\":\"1E2\"}",
            "{\"amount\":true}", "{\"amount\":\" 1\"}", "{\"amount\":\"+1\"}", "{\"amount\":\"1.\"}", "{\"amount\":\".5\"}",
            "{\"amount\":\"NaN\"}", "{\"amount\":\"0x10\"}", "{\"amount\":\"12345678901234567890\"}", "{\"amount\":{}}",
            "{\"at\":1700000000}", "{\"at\":\"+999999999-12-31T23:59:59Z\"}", "{\"at\":\"1999-12-31T23:59:59Z\"}",
            "{\"at\":\"2026-11-01\"}",
            "{\"text\":\"a\\u0000b\"}", "{\"text\":\"a\\r\\nb\"}", "{\"text\":\"a\\tb\"}", "{\"text\":\"a\\u007fb\"}",
            "{\"text\":\"a\\u0085b\"}", "{\"text\":\"a\\u2028b\"}", "{\"text\":\"a\\ud800b\"}", "{\"text\":\"a\\udc00\"}",
            "{\"names\":[\"a\\u0000\"]}", "{\"free\":{\"k\":\"a\\u0000\"}}"})
    void aHostileBodyIsRefused(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
    }

    @Test
    void aLongNumberIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> read("{\"amount\":" + "9".repeat(5_000) + "}"))
                .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
        assertThatThrownBy(() -> read("{\"amount\":\"" + "9".repeat(5_000) + "\"}")).isInstanceOf(RefusedInputException.class);
    }

    @Test
    void aSurrogatePairIsText() throws Exception {
        assertThat(read("{\"text\":\"\\ud83c\\udfb2\"}").text()).isEqualTo("\uD83C\uDFB2");
    }
}
