package io.chipledger.api.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/events.md read as a consumer reads it: each heading {@code ### `<event type>`} followed by
 * a {@code json} block is the documented {@code data} of that event type; the block under
 * {@code ## The envelope} is the envelope. Nothing of the project's code is used to read it.
 */
final class EventsDoc {

    static final Path PATH = Path.of("..", "docs", "events.md");
    private static final Pattern EXAMPLE = Pattern.compile("^### `([^`]+)`\\s*$.*?^```json\\s*$(.*?)^```\\s*$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern ENVELOPE = Pattern.compile("^## The envelope\\s*$.*?^```json\\s*$(.*?)^```\\s*$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsDoc() {
    }

    /** The documented {@code data} of each event type, by type. */
    static Map<String, JsonNode> examples() {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(text());
        while (matcher.find()) {
            if (examples.put(matcher.group(1), parse(matcher.group(2))) != null) {
                throw new IllegalStateException("docs/events.md has two examples of " + matcher.group(1));
            }
        }
        return examples;
    }

    static JsonNode envelope() {
        Matcher matcher = ENVELOPE.matcher(text());
        if (!matcher.find()) {
            throw new IllegalStateException("docs/events.md has no envelope example under '## The envelope'");
        }
        return parse(matcher.group(1));
    }

    /** The field names of an object, in no particular order. */
    static List<String> fields(JsonNode object) {
        return iterate(object.fieldNames());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        all.sort(null);
        return all;
    }

    static String text() {
        try {
            return Files.readString(PATH);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException malformed) {
            throw new IllegalStateException("docs/events.md has an example that is not JSON: " + json, malformed);
        }
    }
}
