package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.ContractCheck;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.input.ApiDocument.Operation;
import io.chipledger.api.input.FuzzRequest.KeyChoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends a {@link FuzzRequest} as the try's partner or staff and checks the answer: never a 5xx
 * but a 503 whose problem the document lists for the operation (a retryable state of the ledger,
 * such as {@code ledger-busy}, which a fuzz may cause and a client must expect); never a stack
 * trace, a Java class or package name or SQL text; every refusal a problem document of the
 * documented shape; every exchange valid against the document ({@link ContractCheck}); and after
 * a refusal nothing stored ({@link StoredChanges}).
 */
final class FuzzAnswers {

    /** What gives the ledger's insides away; the fuzz's own texts never hold any of it. */
    static final List<String> INTERNALS = List.of("java.", "javax.", "jakarta.", "org.springframework", "org.axonframework",
            "org.apache", "com.fasterxml", "org.postgresql", "io.chipledger", "Exception", "\tat ", "\\tat ", ".java:", "SQLState",
            "SQL state", "PSQL", "violates", "duplicate key value", "syntax error at", "SELECT ", "INSERT INTO", "DELETE FROM",
            "UPDATE domain", "relation \"", "Hibernate", "JDBC");
    private static final String PROBLEMS = "https://chipledger.dev/problems/";
    private static final String[] EVERY_ROLE = {"super", "ops", "support", "marketing", "auditor", "aml"};
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Background work a command causes comes within a second or two (the segment sweep runs every second). */
    private static final Duration QUIET = Duration.ofSeconds(3);

    /** The status the request was answered with. */
    record Outcome(int status) {
    }

    /** Whose ids the request's markers stand for, and the keys it may carry. */
    private record Context(String partnerId, String apiKey, String keyId, String player) {
    }

    private final LedgerClient client;
    private final String baseUrl;
    private final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
            .build();
    private final String staffKey;
    private final Context reader;
    /** The partner of commands until one is accepted; null until the next command needs one. */
    private Context commander;

    FuzzAnswers(LedgerClient client, int port, JdbcTemplate jdbc) {
        this.client = client;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.jdbc = jdbc;
        this.staffKey = client.newAdminKey("fuzz staff", EVERY_ROLE)[1];
        this.reader = readerWithAWallet();
    }

    /** Null when the HTTP client refuses to send the request at all (a header value it will not write). */
    Outcome sendAndCheck(Operation operation, FuzzRequest request) {
        boolean read = operation.method().equals("GET");
        if (!read && commander == null) {
            commander = newPartner();
        }
        Context context = read ? reader : commander;
        String pathAndQuery = request.pathAndQuery().replace(FuzzRequest.PARTNER, context.partnerId())
                .replace(FuzzRequest.PLAYER, context.player()).replace(FuzzRequest.KEY_ID, context.keyId());
        String body = request.body() == null ? null : request.body().replace(FuzzRequest.PARTNER, context.partnerId())
                .replace(FuzzRequest.PLAYER, context.player());
        Map<String, String> sent = new LinkedHashMap<>();
        HttpRequest built;
        try {
            built = build(operation, request, context, pathAndQuery, body, sent);
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
        long head = StoredChanges.head(jdbc);
        long keys = StoredChanges.keys(jdbc, context.partnerId());
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("no answer to " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String answer = response.body();
        String exchange = request + "\n  -> " + status + " " + contentType + " " + answer;
        assertThat(status < 500 || isDocumentedRetry(operation, status, answer)).as("a 5xx: %s", exchange).isTrue();
        assertThat(answer).as(exchange).doesNotContain(INTERNALS);
        if (status >= 400) {
            assertProblem(status, contentType, answer, exchange);
            assertThat(StoredChanges.eventsSince(jdbc, head, context.partnerId())).as("events stored by a refusal: %s", exchange).isEmpty();
            assertThat(StoredChanges.keys(jdbc, context.partnerId())).as("idempotency keys stored by a refusal: %s", exchange).isEqualTo(keys);
        }
        try {
            ContractCheck.check(baseUrl, operation.method(), pathAndQuery, body, sent, status, contentType, answer);
        } catch (AssertionError drift) {
            throw new AssertionError(drift.getMessage() + "\n  request: " + exchange, drift);
        }
        revokeIssuedAdminKey(status, answer);
        if (!read && status < 400) {
            // What an accepted command causes in the background (player activity, an alert) lands on this partner: the next gets a new one.
            commander = null;
        }
        return new Outcome(status);
    }

    private HttpRequest build(Operation operation, FuzzRequest request, Context context, String pathAndQuery, String body,
                              Map<String, String> sent) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes(request, body)));
        // Neither is among the headers the contract check is given: it judges a body as the JSON it is, whatever the request claimed.
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (body != null && contentEncoding(request.encoding()) != null) {
            builder.header("Content-Encoding", contentEncoding(request.encoding()));
        }
        keys(operation.admin(), request.key(), context).forEach(header -> header(builder, sent, header.getKey(), header.getValue()));
        request.headers().forEach(header -> header(builder, sent, header.getKey(), header.getValue()));
        return builder.build();
    }

    private static void header(HttpRequest.Builder builder, Map<String, String> sent, String name, String value) {
        builder.header(name, value);
        sent.put(name, value);
    }

    /** The key headers of {@code choice}: {@code admin} says which kind of key the operation takes. */
    private List<Map.Entry<String, String>> keys(boolean admin, KeyChoice choice, Context context) {
        String ownHeader = admin ? "X-Admin-Key" : "X-API-Key";
        String ownKey = admin ? staffKey : context.apiKey();
        return switch (choice) {
            case OWN -> List.of(Map.entry(ownHeader, ownKey));
            case NONE -> List.of();
            case MALFORMED -> List.of(Map.entry(ownHeader, admin ? "ca_zz" : "ck_zz"));
            case WRONG_SECRET -> List.of(Map.entry(ownHeader, ownKey.substring(0, ownKey.length() - 1)
                    + (ownKey.endsWith("A") ? "B" : "A")));
            case OTHER_KIND -> List.of(admin ? Map.entry("X-API-Key", context.apiKey()) : Map.entry("X-Admin-Key", staffKey));
            case BOTH -> List.of(Map.entry("X-API-Key", context.apiKey()), Map.entry("X-Admin-Key", staffKey));
            case TWICE -> List.of(Map.entry(ownHeader, ownKey), Map.entry(ownHeader, ownKey));
            case OVERSIZED -> List.of(Map.entry(ownHeader, ownKey + "A".repeat(9_000)));
        };
    }

    /** The body's bytes in the request's encoding ({@link #contentEncoding} says what the request claims of them). */
    private static byte[] bytes(FuzzRequest request, String body) {
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        return switch (request.encoding()) {
            case UTF_16 -> body.getBytes(StandardCharsets.UTF_16);
            case ISO_8859_1 -> body.getBytes(StandardCharsets.ISO_8859_1);
            case BYTE_ORDER_MARK -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8);
            case BROKEN_UTF_8 -> concat(java.util.Arrays.copyOf(utf8, utf8.length / 2), concat(
                    new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xC0, (byte) 0xAF}, java.util.Arrays.copyOfRange(utf8, utf8.length / 2, utf8.length)));
            case GZIP -> gzip(utf8);
            default -> utf8;
        };
    }

    /** The {@code Content-Encoding} the request claims; null for none. */
    private static String contentEncoding(FuzzRequest.Encoding encoding) {
        return switch (encoding) {
            case GZIP, GZIP_HEADER_ONLY -> "gzip";
            case BROTLI_HEADER -> "br";
            case UNKNOWN_ENCODING_HEADER -> "x-fuzz";
            default -> null;
        };
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return compressed.toByteArray();
    }

    private static boolean isDocumentedRetry(Operation operation, int status, String answer) {
        return status == 503 && operation.problemTypes(503).contains(problemType(answer));
    }

    private static void assertProblem(int status, String contentType, String answer, String exchange) {
        assertThat(contentType).as(exchange).startsWith("application/problem+json");
        JsonNode problem;
        try {
            problem = JSON.readTree(answer);
        } catch (IOException e) {
            throw new AssertionError("a problem that is not JSON: " + exchange, e);
        }
        assertThat(problem.path("type").asText()).as(exchange).startsWith(PROBLEMS);
        assertThat(problem.path("status").asInt()).as(exchange).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(exchange).isNotBlank();
    }

    private static String problemType(String answer) {
        try {
            String type = JSON.readTree(answer).path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (IOException notJson) {
            return "";
        }
    }

    /** An admin key the fuzz issued is revoked at once: the operator's live admin keys are bounded (500), and shared by every test. */
    private void revokeIssuedAdminKey(int status, String answer) {
        if (status == 201 && answer.contains("\"admin_key\"")) {
            try {
                client.bootstrap("DELETE", "/admin/v1/admin-keys/" + JSON.readTree(answer).path("key_id").asText(), null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Context newPartner() {
        String[] partner = client.newPartner("wallet:read", "wallet:write", "reports:read");
        return new Context(partner[0], partner[1], partner[2], "alice");
    }

    /**
     * The partner of every read: a wallet with a deposit and a bet, and what they cause in the
     * background (player activity, a segment change, each a second or so later) stored before the
     * fuzz starts: once none of its events has been added for {@link #QUIET}.
     */
    private Context readerWithAWallet() {
        long head = StoredChanges.head(jdbc);
        Context context = newPartner();
        client.deposit(context.apiKey(), context.player(), "100.00", "USD");
        client.bet(context.apiKey(), context.player(), "1.00", "USD", "fuzz-bet-1");
        long deadline = System.nanoTime() + QUIET.multipliedBy(10).toNanos();
        List<String> seen = StoredChanges.eventsSince(jdbc, head, context.partnerId());
        do {
            sleep(QUIET);
            List<String> now = StoredChanges.eventsSince(jdbc, head, context.partnerId());
            if (now.size() == seen.size()) {
                return context;
            }
            seen = now;
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the reader's wallet never came to rest: " + seen);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
