package io.chipledger.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
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
final class ContractCheck {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ContractCheck() {
    }

    static void check(String baseUrl, String method, String pathAndQuery, String requestBody, Map<String, String> requestHeaders,
                      int status, String contentType, String responseBody) {
        if (pathAndQuery.startsWith("/v3/") || pathAndQuery.startsWith("/swagger-ui") || pathAndQuery.startsWith("/actuator")
                || method.equals("OPTIONS") || method.equals("HEAD")) {
            // Not operations of the API: the document, Swagger UI, the actuator, and HTTP's own methods.
            return;
        }
        URI uri = URI.create(baseUrl + pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(nameValue[0], nameValue.length > 1 ? java.net.URLDecoder.decode(nameValue[1],
                        java.nio.charset.StandardCharsets.UTF_8) : "");
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
    }

    private static OpenApiInteractionValidator validator(String baseUrl) {
        return VALIDATORS.computeIfAbsent(baseUrl, url -> {
            try {
                String document = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v3/api-docs")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                        .withLevelResolver(LevelResolver.create()
                                // A renamed or unknown field in an answer is drift.
                                .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                                // Keys are checked by the service itself; the document only declares them.
                                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                                // A body sent to an operation that takes none is ignored by the service, as by HTTP.
                                .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not read " + url + "/v3/api-docs", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }
}
