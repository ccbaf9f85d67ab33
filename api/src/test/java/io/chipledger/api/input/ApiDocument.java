package io.chipledger.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The committed OpenAPI document (docs/openapi.json, which OpenApiDocumentTest holds equal to the
 * live one), read as the fuzz needs it: every operation with its parameters, its body's schema and
 * the kind of key it takes. Operations come from the document, so an endpoint added later is fuzzed
 * without editing the fuzz.
 */
record ApiDocument(JsonNode root, List<Operation> operations) {

    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    /** One parameter: {@code in} is path, query or header. */
    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation: {@code key} is "METHOD /template". {@code body} is the request body's schema
     * (null when it takes none); {@code admin} when it takes an {@code X-Admin-Key}, else a partner's key.
     */
    record Operation(String method, String template, List<Parameter> parameters, JsonNode body, boolean admin, JsonNode responses) {

        String key() {
            return method + " " + template;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(parameter -> parameter.in().equals(where)).toList();
        }

        /** Problem types the document lists for this operation under {@code status}. */
        List<String> problemTypes(int status) {
            List<String> types = new ArrayList<>();
            responses.path(Integer.toString(status)).path("x-problem-types").forEach(type -> types.add(type.asText()));
            return types;
        }
    }

    static ApiDocument read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            parameter.path("required").asBoolean(false), parameter.path("schema")));
                }
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                boolean admin = operation.path("security").toString().contains("adminKey");
                operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), List.copyOf(parameters),
                        body.isMissingNode() ? null : body, admin, operation.path("responses")));
            }
        }
        operations.sort(Comparator.comparing(Operation::key));
        return new ApiDocument(root, List.copyOf(operations));
    }

    /** The schema itself when {@code schema} is a {@code $ref}, else {@code schema}. */
    JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String name = resolved.get("$ref").asText().substring("#/components/schemas/".length());
            resolved = root.path("components").path("schemas").path(name);
        }
        return resolved;
    }
}
