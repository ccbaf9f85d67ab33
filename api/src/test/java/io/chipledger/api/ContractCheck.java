package io.chipledger.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract test (issue 12): every exchange the integration tests make through
 * {@link LedgerClient} is checked against the live {@code /v3/api-docs} of the service it talks to.
 * An answer must be what the document says for its operation and status; a request that the
 * service accepted (2xx) must be one the document allows. Requests the service refused are not
 * judged (the tests send bad input on purpose), nor paths the document does not have when they
 * were refused.
 */
public final class ContractCheck {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Problems answered before a request reaches any operation: a request line, path or method nothing serves. */
    private static final java.util.Set<String> BEFORE_ANY_OPERATION = java.util.Set.of("http-400", "http-404", "http-405", "http-505");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ContractCheck() {
    }

    /** Throws an AssertionError when the exchange departs from the live document (the rules above). */
    public static void check(String baseUrl, String method, String pathAndQuery, String requestBody, Map<String, String> requestHeaders,
                      int status, String contentType, String responseBody) {
        if (pathAndQuery.startsWith("/v3/") || pathAndQuery.startsWith("/swagger-ui") || pathAndQuery.startsWith("/actuator")
                || method.equals("OPTIONS") || method.equals("HEAD")) {
            // Not operations of the API: the document, Swagger UI, the actuator, and HTTP's own methods.
            return;
        }
        if (refusedBeforeAnyOperation(status, contentType, responseBody)) {
            // Tomcat or the dispatcher refused the request before it reached an operation (docs/api-guide.md, Problems).
            return;
        }
        URI uri = URI.create(baseUrl + pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), routedPath(uri));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                // An empty value is a parameter not given, to the service (docs/security.md) and so to the check.
                if (nameValue.length > 1 && !nameValue[1].isEmpty()) {
                    request.withQueryParam(nameValue[0], decoded(nameValue[1]));
                }
            }
        }
        requestHeaders.forEach(request::withHeader);
        if (requestBody != null) {
            request.withBody(requestBody).withContentType("application/json");
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        if (!contentType.isEmpty()) {
            response.withContentType(contentType);
        }
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport report = validator(baseUrl).validate(request.build(), response.build());
        boolean accepted = status >= 200 && status < 300;
        java.util.List<ValidationReport.Message> judged = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> accepted || (message.getKey().startsWith("validation.response")
                        && !message.getKey().equals("validation.response.path.missing")))
                .toList();
        if (!judged.isEmpty()) {
            throw new AssertionError("the exchange departs from /v3/api-docs: " + method + " " + pathAndQuery + " -> " + status
                    + "\n" + judged);
        }
        if (!accepted && contentType.startsWith("application/problem+json")) {
            checkProblemListed(document(baseUrl), method, uri.getPath(), status, responseBody);
        }
    }

    /**
     * A problem answered by an operation must be one its document lists: the status among its
     * responses, the type among that response's {@code x-problem-types}. Requests that reach no
     * operation (no such path or method) are not judged.
     */
    private static void checkProblemListed(JsonNode document, String method, String path, int status, String body) {
        JsonNode operation = operationOf(document, method.toLowerCase(java.util.Locale.ROOT), path);
        if (operation == null) {
            return;
        }
        String type;
        try {
            type = JSON.readTree(body).path("type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("a problem answer that is not JSON: " + body, e);
        }
        String slug = type.substring(type.lastIndexOf('/') + 1);
        JsonNode listed = operation.path("responses").path(Integer.toString(status)).path("x-problem-types");
        boolean found = false;
        for (JsonNode each : listed) {
            found |= each.asText().equals(slug);
        }
        if (!found) {
            throw new AssertionError("the document does not list problem " + slug + " (" + status + ") for " + method + " "
                    + operation.path("operationId").asText() + "; it lists " + listed);
        }
    }

    /**
     * The path as the service routes it (an encoded letter, {@code /%61dmin}, is {@code /admin}),
     * except where decoding leaves a {@code %}, which the validator would read as an escape again
     * and fail on: that path is judged as sent.
     */
    private static String routedPath(URI uri) {
        return uri.getPath().indexOf('%') >= 0 ? uri.getRawPath() : uri.getPath();
    }

    /** A query value as the service reads it; one that does not decode (the fuzz sends such) is judged as it was sent. */
    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notPercentEncoded) {
            return value;
        }
    }

    private static boolean refusedBeforeAnyOperation(int status, String contentType, String body) {
        if (status < 400 || !contentType.startsWith("application/problem+json")) {
            return false;
        }
        try {
            String type = JSON.readTree(body).path("type").asText();
            return BEFORE_ANY_OPERATION.contains(type.substring(type.lastIndexOf('/') + 1));
        } catch (java.io.IOException notJson) {
            return false;
        }
    }

    /** The operation of {@code path}: the matching template with the fewest variables, as a router would pick. */
    private static JsonNode operationOf(JsonNode document, String method, String path) {
        JsonNode best = null;
        int fewest = Integer.MAX_VALUE;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> template = paths.next();
            String regex = java.util.Arrays.stream(template.getKey().split("/", -1))
                    .map(segment -> segment.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(segment))
                    .collect(java.util.stream.Collectors.joining("/"));
            int variables = template.getKey().split("\\{", -1).length - 1;
            if (path.matches(regex) && template.getValue().has(method) && variables < fewest) {
                best = template.getValue().path(method);
                fewest = variables;
            }
        }
        return best;
    }

    private static JsonNode document(String baseUrl) {
        return DOCUMENTS.computeIfAbsent(baseUrl, url -> {
            try {
                return JSON.readTree(documentText(url));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the document of " + url + " is not JSON", e);
            }
        });
    }

    private static String documentText(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not read " + url + "/v3/api-docs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static OpenApiInteractionValidator validator(String baseUrl) {
        return VALIDATORS.computeIfAbsent(baseUrl, url -> OpenApiInteractionValidator.createForInlineApiSpecification(documentText(url))
                .withLevelResolver(LevelResolver.create()
                        // A renamed or unknown field in an answer is drift.
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        // Keys are checked by the service itself; the document only declares them.
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        // A body sent to an operation that takes none is ignored by the service, as by HTTP.
                        .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                        // A status the operation does not document is drift too.
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.ERROR)
                        .build())
                .build());
    }
}
