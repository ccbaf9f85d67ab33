package io.chipledger.api.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console session held without a browser: signs in on the form with an admin key, then sends
 * pages and form posts as a browser would, with the session's CSRF token, so a test can forge the
 * post of a form the admin's roles do not show and see the server refuse it (403).
 */
final class ConsoleFormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    private final String base;

    private ConsoleFormSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Signed in with the key: the session's cookie is held. */
    static ConsoleFormSession signIn(int port, String adminKey) throws IOException, InterruptedException {
        ConsoleFormSession session = new ConsoleFormSession(port);
        HttpResponse<String> signedIn = session.post("/console/sign-in", Map.of("admin_key", adminKey));
        if (signedIn.statusCode() != 302 || !signedIn.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new IllegalStateException("sign-in refused: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return session;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The form posted as the console's pages post it (htmx): the fields, and the session's CSRF token
     * in its header (read from the home page, as a page carries it); the sign-in form carries it as a field.
     */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        boolean signIn = path.equals("/console/sign-in");
        String token = csrfToken(signIn ? "/console/sign-in" : "/console");
        if (signIn) {
            all.put("_csrf", token);
        }
        String form = all.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken(String page) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(page).body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return token.group(1);
    }
}
