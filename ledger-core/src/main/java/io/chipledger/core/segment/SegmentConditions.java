package io.chipledger.core.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a condition from its JSON and refuses, with where ({@link InvalidSegmentRuleException}),
 * anything the language does not say: an unknown field or operator, a value of the wrong type for
 * its field, an order on a country, an amount without its asset, a key it does not know, a nesting
 * deeper than {@value #DEPTH_MAX} or larger than {@value #NODES_MAX} parts. Rules are checked when
 * they are written, so evaluation never meets a bad one (the platforms' batch skipped them silently).
 */
public final class SegmentConditions {

    /** Levels of all/any/not above a leaf, at most. */
    public static final int DEPTH_MAX = 8;
    /** Groups and leaves in one condition, at most. */
    public static final int NODES_MAX = 100;
    /** Conditions in one all or any: 1 to this. */
    public static final int LIST_MAX = 32;
    /** Digits after the point in an amount, at most (the finest asset scale). */
    public static final int AMOUNT_SCALE_MAX = 8;
    /** Digits before the point in an amount, at most: amounts are minor units in a {@code long}. */
    public static final int AMOUNT_INTEGER_DIGITS_MAX = 18;
    /** Times from 1970 to 9999 (UTC). */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern ASSET = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final Set<String> LEAF_KEYS = Set.of("field", "op", "value", "asset");

    private SegmentConditions() {
    }

    /** @throws InvalidSegmentRuleException where the condition departs from the language */
    public static SegmentCondition parse(JsonNode json) {
        return parse(json, asset -> true);
    }

    /**
     * As {@link #parse(JsonNode)}, and an amount's {@code asset} must be one {@code knownAsset}
     * accepts (the API's configured assets: a rule about an asset nobody holds would never match).
     */
    public static SegmentCondition parse(JsonNode json, Predicate<String> knownAsset) {
        return new Reader(knownAsset).read(json, "", 0);
    }

    private static final class Reader {
        private final Predicate<String> knownAsset;
        private int nodes;

        Reader(Predicate<String> knownAsset) {
            this.knownAsset = knownAsset;
        }

        SegmentCondition read(JsonNode json, String at, int depth) {
            if (++nodes > NODES_MAX) {
                throw new InvalidSegmentRuleException(at, "a condition has at most " + NODES_MAX + " parts");
            }
            if (json == null || !json.isObject()) {
                throw new InvalidSegmentRuleException(at, "a condition is an object: {\"all\": [...]}, {\"any\": [...]}, "
                        + "{\"not\": {...}} or {\"field\": ..., \"op\": ..., \"value\": ...}");
            }
            if (json.has("all") || json.has("any") || json.has("not")) {
                if (json.size() != 1) {
                    throw new InvalidSegmentRuleException(at, "a group has one key (all, any or not), not " + keys(json));
                }
                if (depth >= DEPTH_MAX) {
                    throw new InvalidSegmentRuleException(at, "conditions nest at most " + DEPTH_MAX + " deep");
                }
                String key = json.fieldNames().next();
                if (key.equals("not")) {
                    return new SegmentCondition.Not(read(json.get("not"), at + "/not", depth + 1));
                }
                List<SegmentCondition> conditions = list(json.get(key), at + "/" + key, depth + 1);
                return key.equals("all") ? new SegmentCondition.All(conditions) : new SegmentCondition.Any(conditions);
            }
            return leaf(json, at);
        }

        private List<SegmentCondition> list(JsonNode json, String at, int depth) {
            if (!json.isArray() || json.isEmpty() || json.size() > LIST_MAX) {
                throw new InvalidSegmentRuleException(at, "a list of 1 to " + LIST_MAX + " conditions");
            }
            List<SegmentCondition> conditions = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                conditions.add(read(json.get(i), at + "/" + i, depth));
            }
            return conditions;
        }

        private SegmentCondition leaf(JsonNode json, String at) {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!LEAF_KEYS.contains(name)) {
                    throw new InvalidSegmentRuleException(at + "/" + escape(name), "unknown key; a leaf has field, op, value "
                            + "and, for amounts, asset");
                }
            }
            JsonNode fieldName = json.get("field");
            SegmentField field = fieldName != null && fieldName.isTextual() ? SegmentField.named(fieldName.asText()).orElse(null) : null;
            if (field == null) {
                throw new InvalidSegmentRuleException(at + "/field", "unknown field " + text(fieldName) + "; the fields are "
                        + java.util.Arrays.stream(SegmentField.values()).map(SegmentField::wireName).toList());
            }
            JsonNode symbol = json.get("op");
            SegmentOperator operator = symbol != null && symbol.isTextual() ? SegmentOperator.withSymbol(symbol.asText()).orElse(null) : null;
            if (operator == null) {
                throw new InvalidSegmentRuleException(at + "/op", "unknown operator " + text(symbol)
                        + "; the operators are == != > >= < <= is_null not_null");
            }
            String asset = asset(json.get("asset"), field, at);
            if (asset != null && !knownAsset.test(asset)) {
                throw new InvalidSegmentRuleException(at + "/asset", "unknown asset " + asset + "; amounts are of the configured assets");
            }
            if (operator.testsNull()) {
                if (json.has("value")) {
                    throw new InvalidSegmentRuleException(at + "/value", operator.symbol() + " takes no value");
                }
                return new SegmentCondition.Leaf(field, operator, asset, null);
            }
            if (field.kind() == SegmentField.Kind.COUNTRY && operator.orders()) {
                throw new InvalidSegmentRuleException(at + "/op", "a country is compared with == or != only");
            }
            return new SegmentCondition.Leaf(field, operator, asset, value(json.get("value"), field, at + "/value"));
        }

        private static String asset(JsonNode asset, SegmentField field, String at) {
            if (!field.perAsset()) {
                if (asset != null) {
                    throw new InvalidSegmentRuleException(at + "/asset", field.wireName() + " is not per asset");
                }
                return null;
            }
            if (asset == null || !asset.isTextual() || !ASSET.matcher(asset.asText()).matches()) {
                throw new InvalidSegmentRuleException(at + "/asset", field.wireName() + " is per asset: give \"asset\", a code such "
                        + "as \"USD\" (" + ASSET + ")");
            }
            return asset.asText();
        }

        private static Object value(JsonNode value, SegmentField field, String at) {
            if (value == null || value.isNull()) {
                throw new InvalidSegmentRuleException(at, "a value is needed; is_null and not_null test for none");
            }
            return switch (field.kind()) {
                case INSTANT -> instant(value, field, at);
                case DAYS, COUNT -> {
                    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                        throw new InvalidSegmentRuleException(at, field.wireName() + " is a whole number, not " + value);
                    }
                    yield value.longValue();
                }
                case AMOUNT -> amount(value, field, at);
                case COUNTRY -> {
                    if (!value.isTextual() || !COUNTRY.matcher(value.asText()).matches() || !COUNTRIES.contains(value.asText())) {
                        throw new InvalidSegmentRuleException(at, "country is an ISO 3166-1 alpha-2 code such as \"KR\", not " + value);
                    }
                    yield value.asText();
                }
            };
        }

        private static Instant instant(JsonNode value, SegmentField field, String at) {
            String message = field.wireName() + " is a time such as \"2026-11-30T00:00:00Z\" (ISO 8601 with an offset), not " + value;
            if (!value.isTextual() || value.asText().length() > 40) {
                throw new InvalidSegmentRuleException(at, message);
            }
            try {
                Instant instant = OffsetDateTime.parse(value.asText()).toInstant();
                if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                    throw new InvalidSegmentRuleException(at, field.wireName() + " is a time from 1970 to 9999");
                }
                return instant;
            } catch (DateTimeParseException notATime) {
                throw new InvalidSegmentRuleException(at, message);
            }
        }

        private static BigDecimal amount(JsonNode value, SegmentField field, String at) {
            String message = field.wireName() + " is an amount, a decimal string such as \"1000.00\" or a whole number, not " + value;
            BigDecimal amount;
            if (value.isIntegralNumber() || value.isBigDecimal()) {
                amount = value.decimalValue();
            } else if (value.isTextual() && value.asText().matches("-?[0-9]{1,40}(\\.[0-9]{1,40})?")) {
                amount = new BigDecimal(value.asText());
            } else {
                // A binary floating-point number is refused: 0.1 is not exactly a tenth.
                throw new InvalidSegmentRuleException(at, message);
            }
            if (Math.max(amount.scale(), 0) > AMOUNT_SCALE_MAX || amount.precision() - amount.scale() > AMOUNT_INTEGER_DIGITS_MAX) {
                throw new InvalidSegmentRuleException(at, field.wireName() + " has at most " + AMOUNT_INTEGER_DIGITS_MAX
                        + " digits before the point and " + AMOUNT_SCALE_MAX + " after");
            }
            BigDecimal stripped = amount.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        private static String keys(JsonNode json) {
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            return keys.toString();
        }

        private static String text(JsonNode json) {
            if (json == null) {
                return "(none)";
            }
            String text = json.toString();
            return text.length() > 40 ? text.substring(0, 40) + "…" : text;
        }

        /** A key as a JSON Pointer step (RFC 6901), cut short. */
        private static String escape(String name) {
            String shown = name.length() > 40 ? name.substring(0, 40) : name;
            return shown.replace("~", "~0").replace("/", "~1");
        }
    }
}
