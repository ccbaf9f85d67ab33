package io.chipledger.core.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A segment rule's condition (issue 17), as {@link SegmentConditions#parse} accepts it:
 * {@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not": cond}} and leaves
 * {@code {"field": F, "op": OP, "value": V}} ({@code "asset"} too for amounts). A comparison
 * with a value the player does not have is false, except {@code !=}, which is true; {@code
 * is_null} and {@code not_null} test for it (docs/segments.md).
 */
public sealed interface SegmentCondition {

    boolean matches(SegmentFacts facts);

    /** The canonical JSON of the condition: what the rule's events store and the API answers. */
    JsonNode toJson();

    /** True when every condition is (true for none). */
    record All(List<SegmentCondition> conditions) implements SegmentCondition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(SegmentFacts facts) {
            for (SegmentCondition condition : conditions) {
                if (!condition.matches(facts)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public JsonNode toJson() {
            return group("all", conditions);
        }
    }

    /** True when some condition is. */
    record Any(List<SegmentCondition> conditions) implements SegmentCondition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(SegmentFacts facts) {
            for (SegmentCondition condition : conditions) {
                if (condition.matches(facts)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public JsonNode toJson() {
            return group("any", conditions);
        }
    }

    record Not(SegmentCondition condition) implements SegmentCondition {
        public Not {
            Objects.requireNonNull(condition, "a not has a condition");
        }

        @Override
        public boolean matches(SegmentFacts facts) {
            return !condition.matches(facts);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.set("not", condition.toJson());
            return json;
        }
    }

    /**
     * One comparison. {@code value} is of the field's kind (an {@link Instant}, a {@link Long}, a
     * {@link BigDecimal}, a country's {@link String}), null for {@code is_null} and {@code not_null};
     * {@code asset} is given for amounts only.
     */
    record Leaf(SegmentField field, SegmentOperator operator, String asset, Object value) implements SegmentCondition {
        public Leaf {
            Objects.requireNonNull(field, "a leaf has a field");
            Objects.requireNonNull(operator, "a leaf has an operator");
            if (field.perAsset() != (asset != null)) {
                throw new IllegalArgumentException(field.wireName() + (field.perAsset() ? " needs an asset" : " has no asset"));
            }
            if (operator.testsNull() != (value == null)) {
                throw new IllegalArgumentException(operator.symbol() + (operator.testsNull() ? " takes no value" : " needs a value"));
            }
        }

        @Override
        public boolean matches(SegmentFacts facts) {
            Object actual = facts.value(field, asset);
            if (operator == SegmentOperator.IS_NULL) {
                return actual == null;
            }
            if (operator == SegmentOperator.NOT_NULL) {
                return actual != null;
            }
            if (actual == null) {
                return operator == SegmentOperator.NE;
            }
            int order = compare(actual, value);
            return switch (operator) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case IS_NULL, NOT_NULL -> throw new IllegalStateException("handled above");
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compare(Object actual, Object expected) {
            if (actual.getClass() != expected.getClass()) {
                throw new IllegalStateException(field.wireName() + " read as " + actual.getClass().getSimpleName() + ", compared with "
                        + expected.getClass().getSimpleName());
            }
            return ((Comparable) actual).compareTo(expected);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("field", field.wireName());
            json.put("op", operator.symbol());
            if (asset != null) {
                json.put("asset", asset);
            }
            if (value instanceof Long number) {
                json.put("value", number);
            } else if (value instanceof BigDecimal amount) {
                json.put("value", amount.toPlainString());
            } else if (value != null) {
                json.put("value", value.toString());
            }
            return json;
        }
    }

    private static JsonNode group(String name, List<SegmentCondition> conditions) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode list = json.putArray(name);
        conditions.forEach(condition -> list.add(condition.toJson()));
        return json;
    }
}
