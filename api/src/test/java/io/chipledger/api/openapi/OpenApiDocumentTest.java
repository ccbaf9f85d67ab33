package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the API's contract (issue 12): names as the wire has them, amounts as
 * decimal strings, both key headers declared and applied per operation, tags by feature, and
 * problem responses on every operation. Read from the live {@code /v3/api-docs}.
 */
class OpenApiDocumentTest extends LedgerApiTest {

    /** Where the document is written for the linter that scripts/test.sh runs after the tests (Spectral). */
    static final Path WRITTEN_TO = Path.of("target", "openapi.json");

    private JsonNode document() {
        Reply reply = client.send("GET", "/v3/api-docs", null);
        assertThat(reply.status()).isEqualTo(200);
        try {
            Files.createDirectories(WRITTEN_TO.getParent());
            Files.writeString(WRITTEN_TO, reply.raw());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.body();
    }

    @Test
    void itSaysWhatChipLedgerIsAndDeclaresBothKeys() {
        JsonNode document = document();
        assertThat(document.path("info").path("title").asText()).isEqualTo("ChipLedger");
        assertThat(document.path("info").path("version").asText()).isEqualTo("v1");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("partnerKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("partnerKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("adminKey").path("name").asText()).isEqualTo("X-Admin-Key");
    }

    @Test
    void everyOperationHasItsKeyAFeatureTagAndProblemResponses() {
        List<String> faults = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            JsonNode spec = method.getValue();
            if (spec.path("security").isEmpty()) {
                faults.add(operation + ": no security requirement");
            }
            String tag = spec.path("tags").path(0).asText();
            if (tag.isEmpty() || tag.endsWith("-controller")) {
                faults.add(operation + ": tag " + tag);
            }
            if (spec.path("summary").asText().isBlank()) {
                faults.add(operation + ": no summary");
            }
            if (!spec.path("responses").path("400").path("content").has("application/problem+json")) {
                faults.add(operation + ": no problem response");
            }
        }));
        assertThat(faults).isEmpty();
    }

    @Test
    void fieldsAreNamedAsTheWireHasThemAndAmountsAreDecimalStrings() {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> camelCase = new ArrayList<>();
        schemas.fields().forEachRemaining(schema -> schema.getValue().path("properties").fieldNames().forEachRemaining(name -> {
            if (!name.equals(name.toLowerCase())) {
                camelCase.add(schema.getKey() + "." + name);
            }
        }));
        assertThat(camelCase).isEmpty();
        JsonNode deposit = schemas.path("DepositRequest").path("properties");
        assertThat(deposit.has("transaction_id_partner")).isTrue();
        assertThat(deposit.path("amount").path("type").asText()).isEqualTo("string");
        assertThat(deposit.path("amount").path("pattern").asText()).isEqualTo(OpenApiConfiguration.AMOUNT_PATTERN);
        assertThat(deposit.path("amount").path("example").asText()).matches(OpenApiConfiguration.AMOUNT_PATTERN);
        assertThat(schemas.path("DepositRequest").path("required")).extracting(JsonNode::asText).containsExactly("amount", "currency");
    }

    @Test
    void aWalletOperationNamesTheScopeItNeeds() {
        JsonNode deposit = document().path("paths").path("/api/v1/wallets/{playerId}/deposits").path("post");
        assertThat(deposit.path("security").path(0).has("partnerKey")).isTrue();
        assertThat(deposit.path(OpenApiConfiguration.SCOPE_EXTENSION).asText()).isEqualTo("wallet:write");
        assertThat(deposit.path("tags").path(0).asText()).isEqualTo("wallets");
        assertThat(Map.of("tag", document().path("paths").path("/api/v1/wallets/{playerId}/bets").path("post").path("tags").path(0).asText()))
                .containsEntry("tag", "rounds");
    }
}
