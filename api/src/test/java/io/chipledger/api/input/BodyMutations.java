package io.chipledger.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A body as the fuzz sends it: the valid body, or the valid body broken in one way. A value
 * replaced by a raw JSON token of the wrong kind, out of range, too precise, too long or with a
 * control character; a field removed, unknown, or sent twice; nesting past the parser's limit;
 * JSON's syntax broken; a list longer than its bound; a body past the size limit; or no JSON at all.
 * The texts never hold what the fuzz looks for in answers (a class name, SQL), so an echo of the
 * request can never be mistaken for a leak.
 */
final class BodyMutations {

    private static final List<String> WRONG_KINDS = List.of("12", "-1", "0", "1.5", "true", "false", "null", "{}", "[]", "[1]",
            "{\"a\":1}", "\"x\"", "\"\"", "\" \"");
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1E2", "-0", "-0.0", "01", "9".repeat(19), "9".repeat(20),
            "9".repeat(100), "9".repeat(101), "0.0000000000000000001", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "2147483648", "\"9999999999999999999.999999999999999999\"", "\"99999999999999999999\"",
            "\"0.0000000000000000001\"", "\"1.000000000000000000\"", "\"-0.01\"", "\"-1\"", "\"0\"", "\"0.00\"", "\"00001\"",
            "\"1_000\"", "\"\uFF11\"", "\"\u0663\"", "\"1e3\"", "\"Infinity\"", "\"" + "9".repeat(101) + "\"");
    private static final List<String> TEXTS = List.of("\"a\\u0000b\"", "\"a\\r\\nb\"", "\"a\\u2028b\"", "\"evil\\u202Etxt\"",
            "\"\\ud800\"", "\"\\udc00a\"", "\"\\uFEFFa\"", "\"a\\u0085b\"", "\"a\\tb\"", "\"\\ud83c\\udfb2\"", "\"e\\u0301\"",
            "\"\u03a9\u2248\u00e7\"", "\" padded \"", "\"%s%n%x\"", "\"<script>\"", "\"a'b\\\"c\"", "\"..\"", "\".\"", "\"activity:x\"",
            longText(64), longText(65), longText(100), longText(101), longText(128), longText(129), longText(200), longText(201), longText(254), longText(255), longText(500),
            longText(501), longText(2_049), longText(17_000));
    private static final List<String> SYNTAX = List.of("{/*c*/\"a\":1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":NaN}",
            "{\"a\":0x10}", "{\"a\":01}", "{\"a\":\"\\x41\"}", "{\"a\":\"unterminated}", "{", "}", "{{", "[", "\"text\"", "1", "true",
            "null", "[]", "", " ", "<xml/>", "a=1&b=2", "\u0000", "{\"a\":1}\u0000");
    private static final List<String> TRAILERS = List.of("x", "{}", "]", ",", "//c", "/* */", "\u0000", " \n ");
    private static final List<String> UNKNOWN_FIELDS = List.of("zz_unknown", "", " ", "__proto__", "Amount", "amount ", "a\\u0000b",
            "constructor", "@type", "\u00e9");
    private static final List<Integer> DEPTHS = List.of(31, 32, 33, 200, 3_000);
    private static final List<Integer> LIST_SIZES = List.of(0, 11, 21, 201, 1_001);

    private BodyMutations() {
    }

    private static String longText(int length) {
        return "\"" + "a".repeat(length) + "\"";
    }

    static Arbitrary<String> of(JsonNode valid) {
        String text = HostileBodies.write(valid);
        List<List<Object>> leaves = new ArrayList<>();
        HostileBodies.leaves(valid, List.of(), "", false, (at, name, inFreeForm, leaf) -> {
            if (!at.isEmpty()) {
                leaves.add(at);
            }
        });
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        List<List<Object>> lists = lists(valid, List.of());
        List<Tuple.Tuple2<Integer, Arbitrary<String>>> kinds = new ArrayList<>(List.of(
                Tuple.of(30, Arbitraries.just(text)),
                Tuple.of(6, Arbitraries.of(TRAILERS).map(text::concat)),
                Tuple.of(4, Arbitraries.integers().between(0, Math.max(0, text.length() - 1)).map(end -> text.substring(0, end))),
                Tuple.of(5, Arbitraries.of(SYNTAX)),
                Tuple.of(4, Arbitraries.of(DEPTHS).map(depth -> "[".repeat(depth) + "1" + "]".repeat(depth))),
                Tuple.of(3, Arbitraries.just("{\"padding\":" + longText(17_000) + "," + text.substring(1))),
                Tuple.of(5, Arbitraries.of(UNKNOWN_FIELDS).map(name -> valid.isObject() && !valid.isEmpty()
                        ? "{\"" + name + "\":1," + text.substring(1) : "{\"" + name + "\":1}"))));
        List<String> tokens = new ArrayList<>(WRONG_KINDS);
        tokens.addAll(NUMBERS);
        tokens.addAll(TEXTS);
        DEPTHS.forEach(depth -> tokens.add("[".repeat(depth) + "1" + "]".repeat(depth)));
        if (!leaves.isEmpty()) {
            kinds.add(Tuple.of(30, pair(Arbitraries.of(leaves), Arbitraries.of(tokens))
                    .map(pair -> HostileBodies.replaced(valid, pair.get1(), pair.get2()))));
        }
        if (!fields.isEmpty()) {
            kinds.add(Tuple.of(6, Arbitraries.of(fields).map(field -> without(valid, field))));
            kinds.add(Tuple.of(4, pair(Arbitraries.of(fields), Arbitraries.of(tokens))
                    .map(pair -> "{\"" + pair.get1() + "\":" + pair.get2() + "," + text.substring(1))));
        }
        if (!lists.isEmpty()) {
            kinds.add(Tuple.of(4, pair(Arbitraries.of(lists), Arbitraries.of(LIST_SIZES))
                    .map(pair -> resized(valid, pair.get1(), pair.get2()))));
        }
        return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    }

    /** Where the lists of a body are, as field names and indexes. */
    private static List<List<Object>> lists(JsonNode node, List<Object> at) {
        List<List<Object>> found = new ArrayList<>();
        if (node.isArray() && !node.isEmpty()) {
            found.add(at);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<Object> deeper = new ArrayList<>(at);
            deeper.add(field.getKey());
            found.addAll(lists(field.getValue(), deeper));
        }
        return found;
    }

    private static String without(JsonNode valid, String field) {
        ObjectNode copy = valid.deepCopy();
        copy.remove(field);
        return HostileBodies.write(copy);
    }

    /** The body with the list at {@code at} holding {@code size} copies of its first item. */
    private static String resized(JsonNode valid, List<Object> at, int size) {
        JsonNode copy = valid.deepCopy();
        JsonNode list = copy;
        for (Object step : at) {
            list = list.get((String) step);
        }
        JsonNode first = list.get(0);
        ((ArrayNode) list).removeAll();
        for (int i = 0; i < size; i++) {
            ((ArrayNode) list).add(first.deepCopy());
        }
        return HostileBodies.write(copy);
    }

    static <A, B> Arbitrary<Tuple.Tuple2<A, B>> pair(Arbitrary<A> first, Arbitrary<B> second) {
        return Combinators.combine(first, second).as(Tuple::of);
    }
}
