package io.chipledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client for the tests, speaking to a running service the way a partner's backend does. */
public final class LedgerClient {

    /** The configured bootstrap key (role super only), as in application-test.yml. */
    public static final String ADMIN_KEY = "test-admin-key";
    /** Every admin role, for tests that act as operators' staff without testing roles; one key per service. */
    private static final java.util.Map<String, String> STAFF_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final int port;
    private final String baseUrl;

    public LedgerClient(int port) {
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A response with its status, body, the replay header and {@code Retry-After} (null when absent). */
    public record Reply(int status, JsonNode body, String contentType, boolean replayed, String raw, String retryAfter) {
        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    /** A fresh partner with a key holding the given scopes; returns {partnerId, apiKey, keyId}. */
    public String[] newPartner(String... scopes) {
        Reply partner = admin("POST", "/admin/v1/partners",
                "{\"name\":\"Test Ops\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"ops@test.example\"}");
        String partnerId = partner.text("partner_id");
        Reply key = admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":" + scopesJson(scopes) + "}");
        if (key.status() != 201) {
            throw new IllegalStateException("could not issue a key: " + key.raw());
        }
        return new String[] {partnerId, key.text("api_key"), key.text("key_id")};
    }

    public String[] newPartner() {
        return newPartner("wallet:read", "wallet:write");
    }

    /** An admin call with a key holding every role. */
    public Reply admin(String method, String path, String body) {
        return send(method, path, body, "X-Admin-Key", staffKey());
    }

    /** An admin call with the bootstrap key (role super only). */
    public Reply bootstrap(String method, String path, String body) {
        return send(method, path, body, "X-Admin-Key", ADMIN_KEY);
    }

    /** Issues an admin key with the given roles through the bootstrap key; returns {keyId, adminKey}. */
    public String[] newAdminKey(String name, String... roles) {
        Reply issued = bootstrap("POST", "/admin/v1/admin-keys", "{\"name\":\"" + name + "\",\"roles\":" + scopesJson(roles) + "}");
        if (issued.status() != 201) {
            throw new IllegalStateException("could not issue an admin key: " + issued.raw());
        }
        return new String[] {issued.text("key_id"), issued.text("admin_key")};
    }

    private String staffKey() {
        return STAFF_KEYS.computeIfAbsent(baseUrl, url -> newAdminKey("test staff", "super", "ops", "support", "marketing", "auditor", "aml")[1]);
    }

    /** An admin request (every role) with more headers, as name-value pairs. */
    public Reply admin(String method, String path, String body, String... headers) {
        String[] all = java.util.Arrays.copyOf(new String[] {"X-Admin-Key", staffKey()}, 2 + headers.length);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(method, path, body, all);
    }

    public Reply post(String apiKey, String path, String body) {
        return send("POST", path, body, "X-API-Key", apiKey);
    }

    public Reply get(String apiKey, String path) {
        return send("GET", path, null, "X-API-Key", apiKey);
    }

    public Reply deposit(String apiKey, String player, String amount, String currency) {
        return post(apiKey, "/api/v1/wallets/" + player + "/deposits",
                "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\",\"transaction_id_partner\":\"" + UUID.randomUUID() + "\"}");
    }

    public Reply bet(String apiKey, String player, String amount, String currency, String transactionId) {
        return post(apiKey, "/api/v1/wallets/" + player + "/bets", "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency
                + "\",\"game_id\":\"slots\",\"round_id\":\"round-" + transactionId + "\",\"transaction_id_partner\":\"" + transactionId + "\"}");
    }

    /** An admin grant of game tokens under {@code transactionId}. */
    public Reply grantTokens(String partnerId, String player, String tokenType, String amount, String transactionId) {
        return admin("POST", "/admin/v1/partners/" + partnerId + "/wallets/" + player + "/token-grants", "{\"token_type\":\""
                + tokenType + "\",\"amount\":\"" + amount + "\",\"reason\":\"welcome\",\"label\":\"signup\","
                + "\"transaction_id_partner\":\"" + transactionId + "\"}");
    }

    /** Polls {@code read} until {@code done} holds, for at most ten seconds; answers the last reply. */
    public static Reply eventually(java.util.function.Supplier<Reply> read, java.util.function.Predicate<Reply> done) {
        return eventually(read, done, Duration.ofSeconds(10));
    }

    /**
     * Polls {@code read} until {@code done} holds, for at most {@code waitMax}; answers the last
     * reply. Every 50 ms for the first ten seconds, then every half second, so a long wait does not
     * load the service it waits for.
     */
    public static Reply eventually(java.util.function.Supplier<Reply> read, java.util.function.Predicate<Reply> done, Duration waitMax) {
        long started = System.nanoTime();
        long deadline = started + waitMax.toNanos();
        Reply reply = read.get();
        while (!done.test(reply) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(System.nanoTime() - started < Duration.ofSeconds(10).toNanos() ? 50 : 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            reply = read.get();
        }
        return reply;
    }

    public Reply send(String method, String path, String body, String... headers) {
        try {
            return exchange(method, path, body, headers);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /**
     * Sends a request as a partner's backend does when the service may be gone: the reply, or
     * empty when none came (connection refused or reset, or no answer within the timeout). Such a
     * command may or may not have been applied; the same request with the same key is safe to send again.
     */
    public java.util.Optional<Reply> attempt(String method, String path, String body, String... headers) {
        try {
            return java.util.Optional.of(exchange(method, path, body, headers));
        } catch (IOException noAnswer) {
            return java.util.Optional.empty();
        }
    }

    private Reply exchange(String method, String path, String body, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") && !response.body().isEmpty() ? json(method, path, response.body()) : JSON.nullNode();
            java.util.Map<String, String> sent = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                if (headers[i + 1] != null) {
                    sent.put(headers[i], headers[i + 1]);
                }
            }
            ContractCheck.check(baseUrl, method, path, body, sent, response.statusCode(), contentType, response.body());
            return new Reply(response.statusCode(), json, contentType,
                    response.headers().firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An answer's body as JSON; one that does not read is a failure of the answer, not a lost connection. */
    private static JsonNode json(String method, String path, String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new IllegalStateException(method + " " + path + " answered a body that is not JSON: " + body, unreadable);
        }
    }

    /**
     * Sends bytes as they are, over a plain socket, and answers the whole response as text: Java's
     * HttpClient refuses to send the malformed requests some tests need.
     */
    public String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("raw request failed", e);
        }
    }

    private static String scopesJson(String... scopes) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < scopes.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(scopes[i]).append('"');
        }
        return json.append(']').toString();
    }
}
