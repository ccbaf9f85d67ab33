package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The hostile variants of one valid body: its structure broken (a duplicate key, content after the
 * document), and each of its values replaced by what that kind of field must refuse. Values are
 * raw JSON tokens, so a number can be written as no Java number could hold it.
 */
final class HostileBodies {

    record Variant(String name, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__hostile__";
    private static final String HUGE = "9".repeat(5_000);
    private static final List<String> CONTROL_TEXTS = List.of("\"a\\u0000b\"", "\"a\\r\\nb\"", "\"a\\u2028b\"", "\"\\ud800\"",
            "\"a\\u007fb\"", "\"a\\u0085b\"", "\"a\\tb\"", "\"evil\\u202Etxt.exe\"", "\"\\uFEFFa\"");
    private static final List<String> NOT_TEXT = List.of("12", "1.5", "true", "{}", "[\"a\"]");
    private static final List<String> NOT_DECIMAL = List.of("\"1e2147483647\"", "1e2147483647", "1e-2147483647", "-1e2147483647",
            "\"1E2\"", "1E2", HUGE, "\"" + HUGE + "\"", "true", "\" 1\"", "\"0x10\"", "\"NaN\"", "\"1.\"", "{}", "[1]");
    private static final List<String> NOT_INSTANT = List.of("1700000000", "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"", "\"1999-12-31T23:59:59Z\"", "\"2026-13-01T00:00:00Z\"", "\"2026-11-01\"", "true");
    private static final List<String> NOT_WHOLE_NUMBER = List.of("\"3\"", "true", "1.5", "1e2147483647", HUGE,
            "99999999999999999999", "\"abc\"");
    private static final List<String> NOT_FREE_FORM_NUMBER = List.of("1e2147483647", "-1e2147483647", HUGE);
    private static final List<String> NOT_PLAYER_ID = List.of("\".\"", "\"..\"");

    private HostileBodies() {
    }

    static List<Variant> of(String sample) {
        JsonNode root = read(sample);
        List<Variant> variants = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            variants.add(new Variant("duplicate key " + field.getKey(), "{\"" + field.getKey() + "\":" + write(field.getValue()) + ","
                    + sample.substring(1)));
        }
        variants.add(new Variant("an object after the document", sample + "{}"));
        variants.add(new Variant("text after the document", sample + " x"));
        variants.add(new Variant("a bracket after the document", sample + "]"));
        variants.add(new Variant("a list for the body", "[" + sample + "]"));
        variants.add(new Variant("text for the body", "\"" + sample.replace("\"", "'") + "\""));
        leaves(root, List.of(), "", false, (at, name, inFreeForm, leaf) -> {
            for (String token : refusedFor(name, inFreeForm, leaf)) {
                variants.add(new Variant(path(at) + " = " + abbreviated(token), replaced(root, at, token)));
            }
        });
        return variants;
    }

    private static List<String> refusedFor(String name, boolean inFreeForm, JsonNode leaf) {
        if (inFreeForm) {
            return leaf.isTextual() ? CONTROL_TEXTS : NOT_FREE_FORM_NUMBER;
        }
        if (Operations.DECIMAL_FIELDS.contains(name)) {
            return NOT_DECIMAL;
        }
        if (Operations.INSTANT_FIELDS.contains(name)) {
            return NOT_INSTANT;
        }
        if (leaf.isIntegralNumber()) {
            return NOT_WHOLE_NUMBER;
        }
        List<String> refused = new ArrayList<>(CONTROL_TEXTS);
        refused.addAll(NOT_TEXT);
        if (name.equals("player_id")) {
            refused.addAll(NOT_PLAYER_ID);
        }
        return refused;
    }

    interface LeafVisitor {
        void visit(List<Object> at, String name, boolean inFreeForm, JsonNode leaf);
    }

    /** Every scalar of the document, with where it is (field names and list indexes) and the name of the field that holds it. */
    static void leaves(JsonNode node, List<Object> at, String name, boolean inFreeForm, LeafVisitor visitor) {
        if (node.isValueNode()) {
            visitor.visit(at, name, inFreeForm, node);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                leaves(field.getValue(), append(at, field.getKey()), field.getKey(),
                        inFreeForm || Operations.FREE_FORM_FIELDS.contains(field.getKey()), visitor);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), append(at, i), name, inFreeForm, visitor);
            }
        }
    }

    private static List<Object> append(List<Object> at, Object step) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(step);
        return longer;
    }

    private static String path(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object step : at) {
            path.append(step instanceof Integer index ? "[" + index + "]" : (path.isEmpty() ? "" : ".") + step);
        }
        return path.toString();
    }

    /** The document with the value at {@code at} written as the raw token. */
    static String replaced(JsonNode root, List<Object> at, String token) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (Object step : at.subList(0, at.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, new TextNode(MARK));
        } else {
            ((ObjectNode) parent).set((String) last, new TextNode(MARK));
        }
        return write(copy).replace("\"" + MARK + "\"", token);
    }

    private static String abbreviated(String token) {
        return token.length() > 30 ? token.substring(0, 12) + "…(" + token.length() + " chars)" : token;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a sample body is not JSON: " + json, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
