package io.chipledger.api.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console session without a browser: signs in with an admin key on the form (with its CSRF
 * token), then sends pages' GETs and form posts as a forger would, with the session's own CSRF
 * token, so a test shows the server, not a hidden button, refuses another role's action.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;
    private String csrf;

    private ConsoleSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Signs in with the admin key; the session then holds the key's roles. */
    static ConsoleSession signIn(int port, String adminKey) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(port);
        String form = session.get("/console/sign-in").body();
        session.csrf = token(form);
        // The sign-in form is Spring Security's own: its token goes in the form, as the page sends it.
        HttpResponse<String> home = session.send("/console/sign-in", null, null, "_csrf", session.csrf, "admin_key", adminKey);
        if (home.statusCode() != 200 || !home.body().contains("class=\"who\"")) {
            throw new IllegalStateException("could not sign in: " + home.statusCode() + " " + home.body());
        }
        session.csrf = token(home.body());
        return session;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A form post as the pages send it (htmx): the fields as name-value pairs, the session's CSRF
     * token in the {@code X-CSRF-TOKEN} header (a {@code _csrf} field would be refused as a
     * parameter the handler does not take).
     */
    HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        return send(path, "X-CSRF-TOKEN", csrf, fields);
    }

    private HttpResponse<String> send(String path, String header, String value, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String page) {
        Matcher found = CSRF.matcher(page);
        if (!found.find()) {
            throw new IllegalStateException("no CSRF token on the page: " + page);
        }
        return found.group(1);
    }
}
