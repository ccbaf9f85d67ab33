package io.chipledger.api.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser speaks to it, without a browser: a cookie jar, the session's CSRF token
 * read from a page's form, and form posts. For the tests of what the server refuses (a forged
 * post, a post without a token, another role's page), which a page's own buttons never send.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    ConsoleSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A session signed in with the key (the sign-in must succeed). */
    static ConsoleSession signedIn(int port, String adminKey) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> signedIn = session.signIn(adminKey);
        if (signedIn.statusCode() != 302 || !signedIn.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new IllegalStateException("sign-in refused: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return session;
    }

    /** Signs in through the form; answers the sign-in post's reply (302 to /console, or to the form with ?refused). */
    HttpResponse<String> signIn(String adminKey) throws IOException, InterruptedException {
        String token = csrfToken("/console/sign-in");
        return post("/console/sign-in", Map.of("admin_key", adminKey, "_csrf", token));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form post as a browser sends it, with exactly the fields given (add "_csrf" for a genuine one). */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * A form post as the pages send it (htmx): the fields as name-value pairs, and the session's CSRF
     * token in the {@code X-CSRF-TOKEN} header, read from the home page as a page carries it.
     */
    HttpResponse<String> act(String path, String... fields) throws IOException, InterruptedException {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return act(path, form);
    }

    HttpResponse<String> act(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String token = csrfToken("/console");
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").header("X-CSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with one extra header and no form: what an API client's key header does on a console path. */
    HttpResponse<String> withHeader(String name, String value, String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header(name, value).header("Accept", "text/html")
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's CSRF token, from the hidden field Thymeleaf writes into the page's forms. */
    String csrfToken(String page) throws IOException, InterruptedException {
        HttpResponse<String> reply = get(page);
        Matcher found = CSRF.matcher(reply.body());
        if (!found.find()) {
            throw new AssertionError("no CSRF field on " + page + " (" + reply.statusCode() + "): " + reply.body());
        }
        return found.group(1);
    }

    /** The session cookie's value, or null before sign-in. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("CHIPLEDGER_CONSOLE"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
