package io.chipledger.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chipledger.api.input.ApiDocument.Operation;
import io.chipledger.api.input.ApiDocument.Parameter;
import io.chipledger.api.input.FuzzRequest.Encoding;
import io.chipledger.api.input.FuzzRequest.KeyChoice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests for one documented operation: its path with the try's own ids, ids of the path's
 * grammar, or hostile segments; its query parameters absent, valid or hostile, with unknown and
 * repeated ones; its body valid or mutated ({@link BodyMutations}), in odd content types, charsets
 * and content encodings; odd {@code Idempotency-Key}, {@code Accept} and other headers; and mostly
 * the key with the operation's rights, sometimes none or a wrong one.
 */
final class FuzzRequests {

    private static final List<String> HOSTILE_SEGMENTS = List.of("..", ".", "%2e%2e", "%00", "%0a", "%0d%0a", "a%20b", "%C3%A9",
            "x".repeat(65), "x".repeat(129), "x".repeat(300), "x".repeat(3_000), "%25", "%2F", "a;x", "%3B", "%5C", "~", "%E2%80%AE",
            "%EF%BB%BF", "-", "_", "%7B%7D", "A", "0");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("-1", "0", "1", "99999999999999999999", "1.5", "abc", "", "+1",
            "0x10", "%201", "1e3", "2147483648", "9223372036854775808", "x".repeat(300), "%00", "%0d%0a", "2026-13-01T00:00:00Z",
            "1700000000", "%E2%80%AE", "%25zz", "-9223372036854775808", "1000000", "1001", "201", "501");
    private static final List<String> ODD_SUFFIXES = List.of("/", "/x", "//", "/.", "%20", ";x=1", "/%2e");
    private static final List<String> UNKNOWN_QUERIES = List.of("zz=1", "limit=1&limit=2", "&&", "=x", "a", "cursor=&cursor=1",
            "x=" + "y".repeat(9_000), "%C3%A9=1");
    private static final List<String> CONTENT_TYPES = List.of("application/json; charset=UTF-8", "application/json;charset=ISO-8859-1",
            "application/json; charset=UTF-16", "application/json; charset=nonsense", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json",
            "application/merge-patch+json", "garbage", "application/*", "application/json, text/plain");
    private static final List<String> ACCEPTS = List.of("application/json", "application/problem+json", "*/*", "text/html",
            "application/xml", "garbage", "application/json;q=0", "text/html, */*;q=0.1", "application/*", "image/png");
    private static final List<String> IDEMPOTENCY_KEYS = List.of("activity:x", "expiry:x", "round-timeout:x", "k".repeat(129), "a b",
            "k".repeat(128), "\u00e9", "a,b", "", " ");
    private static final List<Map.Entry<String, String>> EXTRA_HEADERS = List.of(Map.entry("X-Forwarded-For", "999.1.1.1, <x>"),
            Map.entry("X-Fuzz", "p".repeat(9_000)), Map.entry("Range", "bytes=0-1"), Map.entry("If-Match", "*"),
            Map.entry("Origin", "http://evil.example"), Map.entry("X-HTTP-Method-Override", "DELETE"),
            Map.entry("Cookie", "JSESSIONID=x"), Map.entry("Authorization", "Bearer x"), Map.entry("Accept-Charset", "UTF-16"),
            Map.entry("Accept-Encoding", "gzip, br"), Map.entry("Forwarded", "for=\"[::1]\";proto=https"));

    private final SchemaValues values;

    FuzzRequests(ApiDocument document) {
        this.values = new SchemaValues(document);
    }

    Arbitrary<FuzzRequest> of(Operation operation) {
        Arbitrary<String> path = path(operation);
        Arbitrary<String> query = query(operation);
        Arbitrary<String> body = body(operation);
        Arbitrary<List<Map.Entry<String, String>>> headers = headers(operation);
        Arbitrary<Tuple.Tuple2<String, Encoding>> representation = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just("application/json")), Tuple.of(20, Arbitraries.of(CONTENT_TYPES))),
                Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(Encoding.UTF_8)), Tuple.of(20, Arbitraries.of(Encoding.class))))
                .as(Tuple::of);
        Arbitrary<KeyChoice> key = Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(KeyChoice.OWN)),
                Tuple.of(20, Arbitraries.of(KeyChoice.class)));
        return Combinators.combine(path, query, body, headers, representation, key).as((p, q, b, h, r, k) ->
                new FuzzRequest(operation.key(), operation.method(), p + q, b, b == null ? null : r.get1(), r.get2(), k, h));
    }

    private Arbitrary<String> path(Operation operation) {
        List<Arbitrary<String>> segments = new ArrayList<>();
        for (String segment : operation.template().substring(1).split("/")) {
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.length() - 1);
                Parameter parameter = operation.in("path").stream().filter(each -> each.name().equals(name)).findFirst().orElseThrow();
                Arbitrary<String> ofGrammar = values.of(parameter.schema()).map(value -> encoded(value.asText()));
                String own = ownId(name);
                segments.add(Arbitraries.frequencyOf(Tuple.of(85, own == null ? ofGrammar : Arbitraries.frequencyOf(
                                Tuple.of(80, Arbitraries.just(own)), Tuple.of(20, ofGrammar))),
                        Tuple.of(15, Arbitraries.of(HOSTILE_SEGMENTS))));
            } else {
                segments.add(Arbitraries.just(segment));
            }
        }
        Arbitrary<String> suffix = Arbitraries.frequencyOf(Tuple.of(95, Arbitraries.just("")), Tuple.of(5, Arbitraries.of(ODD_SUFFIXES)));
        return Combinators.combine(Combinators.combine(segments).as(parts -> "/" + String.join("/", parts)), suffix).as(String::concat);
    }

    /** The marker of the try's own id for a path variable that names one; null for the others. */
    private static String ownId(String name) {
        return switch (name) {
            case "partnerId" -> FuzzRequest.PARTNER;
            case "playerId" -> FuzzRequest.PLAYER;
            case "keyId" -> FuzzRequest.KEY_ID;
            default -> null;
        };
    }

    private Arbitrary<String> query(Operation operation) {
        List<Arbitrary<String>> pairs = new ArrayList<>();
        for (Parameter parameter : operation.in("query")) {
            Arbitrary<String> valid = values.of(parameter.schema()).map(value -> encoded(value.asText()));
            Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(50, valid), Tuple.of(50, Arbitraries.of(HOSTILE_QUERY_VALUES)));
            pairs.add(value.map(each -> parameter.name() + "=" + each).injectNull(0.5));
        }
        pairs.add(Arbitraries.of(UNKNOWN_QUERIES).injectNull(0.9));
        return Combinators.combine(pairs).as(list -> {
            List<String> present = list.stream().filter(java.util.Objects::nonNull).toList();
            return present.isEmpty() ? "" : "?" + String.join("&", present);
        });
    }

    private Arbitrary<String> body(Operation operation) {
        if (operation.body() == null) {
            // A body where none is taken: ignored by the service, as by HTTP.
            return Arbitraries.of("{\"a\":1}", "x").injectNull(0.9);
        }
        return values.of(operation.body()).map(FuzzRequests::withOwnIds).flatMap(BodyMutations::of);
    }

    /** The body's partner and player ids made the try's own, so that a valid body can reach the handler and be accepted. */
    private static JsonNode withOwnIds(JsonNode body) {
        if (body instanceof ObjectNode object) {
            if (object.has("partner_id")) {
                object.set("partner_id", TextNode.valueOf(FuzzRequest.PARTNER));
            }
            if (object.has("player_id")) {
                object.set("player_id", TextNode.valueOf(FuzzRequest.PLAYER));
            }
        }
        return body;
    }

    private Arbitrary<List<Map.Entry<String, String>>> headers(Operation operation) {
        boolean takesKey = !operation.in("header").isEmpty();
        Arbitrary<Map.Entry<String, String>> idempotencyKey = Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.strings().withChars(SchemaValues.characters("A-Za-z0-9_.:-")).ofMinLength(1).ofMaxLength(40)),
                Tuple.of(40, Arbitraries.of(IDEMPOTENCY_KEYS))).map(value -> Map.entry("Idempotency-Key", value))
                .injectNull(takesKey ? 0.3 : 0.9);
        Arbitrary<Map.Entry<String, String>> accept = Arbitraries.of(ACCEPTS).map(value -> Map.entry("Accept", value)).injectNull(0.7);
        Arbitrary<Map.Entry<String, String>> extra = Arbitraries.of(EXTRA_HEADERS).injectNull(0.85);
        return Combinators.combine(idempotencyKey, accept, extra).as((first, second, third) ->
                java.util.stream.Stream.of(first, second, third).filter(java.util.Objects::nonNull).toList());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
