package io.chipledger.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Values the document allows, generated from its schemas: every required field and some of the
 * optional ones; an enum's names; text of a pattern's grammar (the document's patterns are
 * {@code ^prefix[class]{m,n}$} in the main; any other falls back to its example); instants within
 * the last day; numbers within the schema's bounds. Lists hold at most three items, so a valid body
 * stays small. These are the starting points the fuzz mutates.
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** {@code ^}, an optional negative lookahead, literal text, one character class with its count, {@code $}. */
    private static final Pattern SIMPLE_GRAMMAR = Pattern.compile("\\^(?:\\(\\?![^)]*\\))?([A-Za-z0-9_:]*)\\[([^\\]]+)]\\{(\\d+)(?:,(\\d+))?}\\$");
    private static final int LIST_ITEMS_MAX = 3;
    private static final int TEXT_LENGTH_MAX = 24;

    private final ApiDocument document;

    SchemaValues(ApiDocument document) {
        this.document = document;
    }

    Arbitrary<JsonNode> of(JsonNode schema) {
        JsonNode resolved = document.resolve(schema);
        if (resolved.has("enum")) {
            List<JsonNode> names = new ArrayList<>();
            resolved.get("enum").forEach(names::add);
            return Arbitraries.of(names);
        }
        return switch (resolved.path("type").asText("object")) {
            case "array" -> of(resolved.path("items"))
                    .list().ofMinSize(resolved.path("minItems").asInt(0)).ofMaxSize(Math.max(resolved.path("minItems").asInt(0), LIST_ITEMS_MAX))
                    .map(items -> (JsonNode) NODES.arrayNode().addAll(items));
            case "string" -> text(resolved).map(TextNode::valueOf);
            case "integer", "number" -> Arbitraries.longs().between(resolved.path("minimum").asLong(0),
                    Math.min(resolved.path("maximum").asLong(1_000), 1_000)).map(LongNode::valueOf);
            case "boolean" -> Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE);
            default -> object(resolved);
        };
    }

    private Arbitrary<JsonNode> object(JsonNode schema) {
        if (!schema.has("properties")) {
            // A free-form object (a game's outcome, an activity's meta, a segment condition): its example.
            return Arbitraries.just(schema.has("example") ? schema.get("example") : NODES.objectNode());
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.get("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            Arbitrary<Map.Entry<String, JsonNode>> field = of(property.getValue()).map(value -> Map.entry(property.getKey(), value));
            fields.add(required.contains(property.getKey()) ? field : field.injectNull(0.4));
        }
        return Combinators.combine(fields).as(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.stream().filter(java.util.Objects::nonNull).forEach(entry -> object.set(entry.getKey(), entry.getValue()));
            return object;
        });
    }

    private static Arbitrary<String> text(JsonNode schema) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "date-time":
                return Arbitraries.integers().between(1, 86_400).map(seconds ->
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds).toString());
            case "uuid":
                return Arbitraries.longs().tuple2().map(bits -> new UUID(bits.get1(), bits.get2()).toString());
            case "email":
                return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(local -> local + "@fuzz.example");
            default:
                break;
        }
        Matcher grammar = SIMPLE_GRAMMAR.matcher(schema.path("pattern").asText(""));
        if (grammar.matches()) {
            int least = Integer.parseInt(grammar.group(3));
            int most = grammar.group(4) == null ? least : Integer.parseInt(grammar.group(4));
            return Arbitraries.strings().withChars(characters(grammar.group(2))).ofMinLength(least)
                    .ofMaxLength(Math.max(least, Math.min(most, TEXT_LENGTH_MAX))).map(grammar.group(1)::concat);
        }
        if (schema.has("pattern") || schema.has("format")) {
            return Arbitraries.just(schema.path("example").asText(""));
        }
        int least = Math.max(1, schema.path("minLength").asInt(1));
        int most = schema.path("maxLength").asInt(TEXT_LENGTH_MAX);
        return Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(least).ofMaxLength(Math.max(least, Math.min(most, TEXT_LENGTH_MAX)))
                .filter(text -> !text.isBlank() && !text.startsWith(" "));
    }

    /** The characters of a regex class such as {@code A-Za-z0-9_.\-}. */
    static char[] characters(String regexClass) {
        StringBuilder characters = new StringBuilder();
        String unescaped = regexClass.replace("\\", "");
        for (int i = 0; i < unescaped.length(); i++) {
            char first = unescaped.charAt(i);
            if (i + 2 < unescaped.length() && unescaped.charAt(i + 1) == '-') {
                for (char c = first; c <= unescaped.charAt(i + 2); c++) {
                    characters.append(c);
                }
                i += 2;
            } else {
                characters.append(first);
            }
        }
        return characters.toString().toCharArray();
    }
}
