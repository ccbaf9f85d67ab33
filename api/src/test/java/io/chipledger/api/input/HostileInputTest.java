package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.input.Operations.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 9's fuzz, kept: every operation Spring MVC routes gets each kind of hostile input that
 * applies to it, and each must be a 400 problem document that is short, names none of the
 * ledger's internals, and stores nothing (no event, no idempotency key, no partner).
 */
class HostileInputTest extends LedgerApiTest {

    static final int ANSWER_LENGTH_MAX = 1_000;
    private static final List<String> INTERNALS = List.of("java.", "io.chipledger", "Exception", "$", "\tat ", "\\tat ");
    private static final List<String> NOT_WHOLE_NUMBERS = List.of("1e2147483647", "abc", "0x10", " 1", "1.5", "99999999999999999999", "+1");
    private static final List<String> NOT_INSTANTS = List.of("+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z", "1700000000",
            "2026-11-01", "1999-12-31T23:59:59Z");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    private Operations operations;
    private String partnerId;
    private String apiKey;

    @BeforeEach
    void partnerUnderAttack() {
        operations = Operations.of(mapping);
        String[] partner = client.newPartner("wallet:read", "wallet:write", "reports:read");
        partnerId = partner[0];
        apiKey = partner[1];
    }

    @Test
    void everyOperationWithABodyHasASampleAndEverySampleAnOperation() {
        List<String> withBodies = operations.all().stream().filter(Operation::takesBody).map(Operation::key).toList();
        assertThat(withBodies).as("operations that take a body; add a sample to Operations.SAMPLES")
                .containsExactlyInAnyOrderElementsOf(Operations.SAMPLES.keySet());
    }

    /** A sample the ledger refuses would make every refusal of its variants meaningless. */
    @TestFactory
    Stream<DynamicTest> everySampleIsReadAndAccepted() {
        return operations.all().stream().filter(Operation::takesBody).map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            String[] scratch = client.newPartner();
            Reply reply = send(operation, Map.of("partnerId", scratch[0], "playerId", "sam"), Operations.SAMPLES.get(operation.key()),
                    scratch[1]);
            assertThat(reply.status()).as(reply.raw()).isBetween(200, 499).isNotEqualTo(400);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileBodyIsRefusedAndStoresNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations.all()) {
            if (operation.takesBody()) {
                for (HostileBodies.Variant variant : HostileBodies.of(Operations.SAMPLES.get(operation.key()))) {
                    tests.add(DynamicTest.dynamicTest(operation.key() + ": " + variant.name(),
                            () -> assertRefused(() -> send(operation, Map.of(), variant.body(), apiKey), 400)));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileQueryParameterIsRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations.all()) {
            operation.queryParameters().forEach((name, type) -> {
                for (String value : hostileParameterValues(type)) {
                    String query = "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    tests.add(DynamicTest.dynamicTest(operation.key() + query, () -> assertRefused(() ->
                            send(operation, Map.of(), Operations.SAMPLES.get(operation.key()), apiKey, query), 400)));
                }
            });
        }
        return tests.stream();
    }

    /** Path ids go through the same text rules: a CR/LF, a NUL-like control or an oversized id is a 4xx problem. */
    @TestFactory
    Stream<DynamicTest> everyHostilePathIdIsRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations.all()) {
            for (String variable : operation.pathVariables()) {
                for (String value : List.of("a%0D%0Ab", "a%0Ab", "a%7Fb", "x".repeat(300))) {
                    tests.add(DynamicTest.dynamicTest(operation.key() + " " + variable + "=" + value.substring(0, Math.min(12, value.length())),
                            () -> assertRefused(() -> send(operation, Map.of(variable, value), Operations.SAMPLES.get(operation.key()),
                                    apiKey), 0)));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyAdminReadOfAPartnerThatDoesNotExistIsUnknownPartner() {
        return operations.all().stream()
                .filter(operation -> operation.method().equals("GET") && operation.pattern().startsWith("/admin/v1/partners/{partnerId}"))
                .map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
                    Reply reply = send(operation, Map.of("partnerId", "p_0000000000000000"), null, apiKey);
                    assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
                    assertThat(reply.text("type")).isEqualTo("https://chipledger.dev/problems/unknown-partner");
                }));
    }

    private static List<String> hostileParameterValues(Class<?> type) {
        if (type == Integer.class || type == Long.class) {
            return NOT_WHOLE_NUMBERS;
        }
        if (type == Instant.class) {
            return NOT_INSTANTS;
        }
        return List.of("a\r\nb", "a\u0000b", "x".repeat(300), ".", "..");
    }

    /** A 4xx problem that is short and shows nothing of the ledger's insides, and nothing stored; {@code status} 0 is any 4xx. */
    private void assertRefused(java.util.function.Supplier<Reply> request, int status) {
        long[] before = stored();
        Reply reply = request.get();
        if (status == 0) {
            assertThat(reply.status()).as(reply.raw()).isBetween(400, 499);
        } else {
            assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        }
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.raw().length()).as(reply.raw()).isLessThan(ANSWER_LENGTH_MAX);
        assertThat(reply.raw()).as(reply.raw()).doesNotContain(INTERNALS);
        assertThat(reply.text("type")).startsWith("https://chipledger.dev/problems/");
        assertThat(stored()).as("events, keys and partners stored").containsExactly(before);
    }

    /** What a request could have stored: the partner's events (its own, its wallets' and profiles'), its keys, and partners. */
    private long[] stored() {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "OR aggregate_identifier LIKE ? OR aggregate_identifier LIKE ? OR aggregate_identifier LIKE ?", Long.class, partnerId,
                partnerId + ":%", "profile:" + partnerId + ":%", "reward-pool:" + partnerId + ":%");
        long keys = jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ?", Long.class, partnerId);
        long partners = jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                + "WHERE aggregate_identifier ~ '^p_[0-9a-f]{16}$'", Long.class);
        return new long[] {events, keys, partners};
    }

    private Reply send(Operation operation, Map<String, String> pathValues, String body, String key, String... query) {
        Map<String, String> values = new java.util.HashMap<>(pathValues);
        values.putIfAbsent("partnerId", partnerId);
        String path = operation.path(values) + (query.length == 0 ? "" : query[0]);
        // A header the operation requires, so that a missing one cannot be the reason for a refusal.
        String idempotencyKey = body != null && body.contains("transaction_id_partner") ? null : "hostile-1";
        if (operation.isAdmin()) {
            return client.admin(operation.method(), path, body, "Idempotency-Key", idempotencyKey);
        }
        return client.send(operation.method(), path, body, "X-API-Key", key, "Idempotency-Key", idempotencyKey);
    }
}
