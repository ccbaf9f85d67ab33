package io.chipledger.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The condition language of segment rules (issue 17): every operator on every kind of field, nulls, and what is refused where. */
class SegmentConditionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A player's facts by field name (and asset for amounts); a missing one is null. */
    private static SegmentFacts facts(Map<String, Object> values) {
        return (field, asset) -> values.get(asset == null ? field.wireName() : field.wireName() + "/" + asset);
    }

    private static SegmentCondition parse(String json) throws Exception {
        return SegmentConditions.parse(JSON.readTree(json));
    }

    private static boolean matches(String condition, Map<String, Object> values) throws Exception {
        return parse(condition).matches(facts(values));
    }

    @ParameterizedTest(name = "{0} {1} 10 on 9, 10, 11, none: {2} {3} {4} {5}")
    @CsvSource({
            "days_since_last_charge, ==, false, true, false, false",
            "days_since_last_charge, !=, true, false, true, true",
            "days_since_last_charge, >, false, false, true, false",
            "days_since_last_charge, >=, false, true, true, false",
            "days_since_last_charge, <, true, false, false, false",
            "days_since_last_charge, <=, true, true, false, false",
            "roulette_plays, >=, false, true, true, false"})
    void everyComparisonOnAWholeNumberAndOnNone(String field, String op, boolean on9, boolean on10, boolean on11, boolean onNone)
            throws Exception {
        String condition = "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":10}";
        assertThat(matches(condition, Map.of(field, 9L))).isEqualTo(on9);
        assertThat(matches(condition, Map.of(field, 10L))).isEqualTo(on10);
        assertThat(matches(condition, Map.of(field, 11L))).isEqualTo(on11);
        assertThat(matches(condition, Map.of())).isEqualTo(onNone);
    }

    @Test
    void nullsAreTestedByIsNullAndNotNull() throws Exception {
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\"is_null\"}", Map.of())).isTrue();
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\"not_null\"}", Map.of())).isFalse();
        Map<String, Object> charged = Map.of("last_charge_at", Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\"is_null\"}", charged)).isFalse();
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\"not_null\"}", charged)).isTrue();
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\"<\",\"value\":\"2026-11-02T00:00:00+09:00\"}", charged)).isTrue();
        assertThat(matches("{\"field\":\"last_charge_at\",\"op\":\">\",\"value\":\"2026-11-01T00:00:00Z\"}", charged)).isFalse();
    }

    @Test
    void amountsAreExactPerAssetAndCountriesAreCodes() throws Exception {
        Map<String, Object> player = new HashMap<>();
        player.put("deposit_total/USD", new BigDecimal("1000.00"));
        player.put("current_balance/GEM", new BigDecimal("7"));
        player.put("country", "KR");
        assertThat(matches("{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"1000\"}", player)).isTrue();
        assertThat(matches("{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">\",\"value\":\"999.99\"}", player)).isTrue();
        assertThat(matches("{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\"==\",\"value\":1000}", player)).isTrue();
        assertThat(matches("{\"field\":\"current_balance\",\"asset\":\"GEM\",\"op\":\"<\",\"value\":8}", player)).isTrue();
        assertThat(matches("{\"field\":\"country\",\"op\":\"==\",\"value\":\"KR\"}", player)).isTrue();
        assertThat(matches("{\"field\":\"country\",\"op\":\"!=\",\"value\":\"JP\"}", player)).isTrue();
    }

    @Test
    void groupsCombineAndTheCanonicalJsonReadsBackTheSame() throws Exception {
        String json = "{\"all\":[{\"field\":\"days_since_last_login\",\"op\":\">=\",\"value\":7},"
                + "{\"not\":{\"any\":[{\"field\":\"country\",\"op\":\"==\",\"value\":\"KR\"},"
                + "{\"field\":\"deposit_total\",\"op\":\">=\",\"asset\":\"USD\",\"value\":\"100.50\"}]}}]}";
        SegmentCondition condition = parse(json);
        assertThat(condition.matches(facts(Map.of("days_since_last_login", 8L, "country", "JP")))).isTrue();
        assertThat(condition.matches(facts(Map.of("days_since_last_login", 8L, "country", "KR")))).isFalse();
        assertThat(condition.matches(facts(Map.of("days_since_last_login", 6L)))).isFalse();
        JsonNode canonical = condition.toJson();
        assertThat(SegmentConditions.parse(canonical)).isEqualTo(condition);
        assertThat(canonical.at("/all/1/not/any/1/value").asText()).isEqualTo("100.5");
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"field\":\"deposit_amount\",\"op\":\">=\",\"value\":1}|/field",
            "{\"field\":\"dice_plays\",\"op\":\"=~\",\"value\":1}|/op",
            "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":\"10\"}|/value",
            "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1.5}|/value",
            "{\"field\":\"dice_plays\",\"op\":\">=\"}|/value",
            "{\"field\":\"dice_plays\",\"op\":\"is_null\",\"value\":1}|/value",
            "{\"field\":\"deposit_total\",\"op\":\">=\",\"value\":\"10\"}|/asset",
            "{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":0.1}|/value",
            "{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"1.123456789\"}|/value",
            "{\"field\":\"dice_plays\",\"asset\":\"USD\",\"op\":\">=\",\"value\":1}|/asset",
            "{\"field\":\"country\",\"op\":\">\",\"value\":\"KR\"}|/op",
            "{\"field\":\"country\",\"op\":\"==\",\"value\":\"Korea\"}|/value",
            "{\"field\":\"last_login_at\",\"op\":\"<\",\"value\":\"yesterday\"}|/value",
            "{\"field\":\"last_login_at\",\"op\":\"<\",\"value\":\"2026-11-30T00:00:00\"}|/value",
            "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1,\"note\":\"x\"}|/note",
            "{\"all\":[]}|/all",
            "{\"all\":{}}|/all",
            "{\"all\":[{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1}],\"any\":[]}|",
            "{\"any\":[{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1},{\"not\":[]}]}|/any/1/not",
            "[]|"})
    void whatTheLanguageDoesNotSayIsRefusedWithWhere(String json, String pointer) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidSegmentRuleException.class,
                refused -> assertThat(refused.pointer()).isEqualTo(pointer == null ? "" : pointer));
    }

    @Test
    void nestingAndSizeHaveLimits() throws Exception {
        String leaf = "{\"field\":\"dice_plays\",\"op\":\">=\",\"value\":1}";
        assertThat(parse(nested(leaf, SegmentConditions.DEPTH_MAX))).isNotNull();
        assertThatThrownBy(() -> parse(nested(leaf, SegmentConditions.DEPTH_MAX + 1)))
                .isInstanceOf(InvalidSegmentRuleException.class).hasMessageContaining("nest at most");
        String many = "{\"any\":[" + String.join(",", java.util.Collections.nCopies(SegmentConditions.LIST_MAX + 1, leaf)) + "]}";
        assertThatThrownBy(() -> parse(many)).isInstanceOf(InvalidSegmentRuleException.class).hasMessageContaining("1 to 32");
        String wide = "{\"all\":[" + String.join(",", java.util.Collections.nCopies(4,
                "{\"any\":[" + String.join(",", java.util.Collections.nCopies(30, leaf)) + "]}")) + "]}";
        assertThatThrownBy(() -> parse(wide)).isInstanceOf(InvalidSegmentRuleException.class).hasMessageContaining("at most 100 parts");
    }

    private static String nested(String leaf, int depth) {
        String json = leaf;
        for (int i = 0; i < depth; i++) {
            json = "{\"not\":" + json + "}";
        }
        return json;
    }
}
