package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    /** The contract as committed: what the generated client of GeneratedClientWalkthroughTest is made from. */
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode document() {
        Reply reply = client.send("GET", "/v3/api-docs", null);
        assertThat(reply.status()).isEqualTo(200);
        try {
            Files.createDirectories(WRITTEN_TO.getParent());
            Files.writeString(WRITTEN_TO, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reply.body()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.body();
    }

    @Test
    void theCommittedContractIsTheLiveDocument() throws IOException {
        JsonNode live = document();
        JsonNode committed = JSON.readTree(COMMITTED.toFile());
        assertThat(committed).as("the API's contract changed: review the difference, then "
                + "cp api/target/openapi.json docs/openapi.json (clients are generated from it)").isEqualTo(live);
    }

    @Test
    void everyOperationHasAUniqueNameInTheBusinesssWords() {
        List<String> names = new ArrayList<>();
        document().path("paths").forEach(path -> path.forEach(operation -> names.add(operation.path("operationId").asText())));
        assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).matches("[a-z][A-Za-z]+"));
    }

    @Test
    void everyRequestBodyListsItsRequiredFieldsAndGivesAnExampleOfEachField() {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");
        List<String> faults = new ArrayList<>();
        document.path("paths").forEach(path -> path.forEach(operation -> {
            String ref = operation.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText();
            if (!ref.isEmpty()) {
                checkExamples(schemas, ref.substring(ref.lastIndexOf('/') + 1), faults);
            }
        }));
        assertThat(faults).isEmpty();
        assertThat(schemas.path("PartnerRegistration").path("required")).extracting(JsonNode::asText)
                .contains("name", "type", "commission_rate", "contact_email");
        assertThat(schemas.path("ActivityRequest").path("required")).extracting(JsonNode::asText).contains("event_type", "event_id");
    }

    private static void checkExamples(JsonNode schemas, String name, List<String> faults) {
        schemas.path(name).path("properties").fields().forEachRemaining(field -> {
            JsonNode property = field.getValue();
            String nested = property.path("$ref").asText(property.path("items").path("$ref").asText());
            if (!nested.isEmpty()) {
                checkExamples(schemas, nested.substring(nested.lastIndexOf('/') + 1), faults);
            } else if (!property.has("example") && !property.has("enum") && !property.path("items").has("enum")) {
                faults.add(name + "." + field.getKey() + ": no example");
            }
        });
    }

    @Test
    void closedSetsAreEnumsTakenFromTheConfigurationAndTheLedger() {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("DepositRequest").path("properties").path("currency").path("enum")).extracting(JsonNode::asText)
                .contains("USD", "EUR", "KRW", "CC_COIN");
        assertThat(schemas.path("TokenRequest").path("properties").path("token_type").path("enum")).extracting(JsonNode::asText)
                .contains("ROULETTE_COIN", "CC_COIN").doesNotContain("USD");
        assertThat(schemas.path("ActivityRequest").path("properties").path("event_type").path("enum")).extracting(JsonNode::asText)
                .contains("LOGIN", "PLAY_DURATION");
        assertThat(schemas.path("AdminKeyRequest").path("properties").path("roles").path("items").path("enum")).extracting(JsonNode::asText)
                .containsExactly("super", "ops", "support", "marketing", "auditor", "aml");
        assertThat(schemas.path("KeyRequest").path("properties").path("scopes").path("items").path("enum")).extracting(JsonNode::asText)
                .contains("wallet:read", "wallet:write");
        JsonNode decision = document.path("paths").path("/api/v1/wallets/{playerId}/withdrawals/{withdrawalId}/{decision}")
                .path("post").path("parameters");
        List<String> decisions = new ArrayList<>();
        decision.forEach(parameter -> {
            if (parameter.path("name").asText().equals("decision")) {
                parameter.path("schema").path("enum").forEach(value -> decisions.add(value.asText()));
            }
        });
        assertThat(decisions).containsExactly("approve", "reject", "cancel");
        assertThat(schemas.path("ParkedEvent").path("properties").path("event_type").has("enum"))
                .as("a stored event's type is not an activity type").isFalse();
        assertThat(schemas.path("DepositRequest").path("properties").path("amount").path("example").asText()).isEqualTo("100.00");
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
        assertThat(schemas.fieldNames()).toIterable().as("no Java library type leaks into the contract").doesNotContain("JsonNode", "ObjectNode");
        JsonNode deposit = schemas.path("DepositRequest").path("properties");
        assertThat(deposit.has("transaction_id_partner")).isTrue();
        assertThat(deposit.path("amount").path("type").asText()).isEqualTo("string");
        assertThat(deposit.path("amount").path("pattern").asText()).isEqualTo(RequestGrammars.UNSIGNED_AMOUNT_PATTERN);
        assertThat(schemas.path("AdjustmentRequest").path("properties").path("amount").path("pattern").asText())
                .as("only an adjustment takes a sign").isEqualTo(OpenApiConfiguration.AMOUNT_PATTERN);
        assertThat(schemas.path("DepositRequest").path("additionalProperties").asBoolean(true)).as("unknown fields are refused").isFalse();
        assertThat(deposit.path("amount").path("example").asText()).matches(OpenApiConfiguration.AMOUNT_PATTERN);
        assertThat(schemas.path("DepositRequest").path("required")).extracting(JsonNode::asText).containsExactly("amount", "currency");
    }

    @Test
    void eachOperationListsTheProblemsItCanGiveNotEveryProblem() {
        JsonNode paths = document().path("paths");
        JsonNode bet = paths.path("/api/v1/wallets/{playerId}/bets").path("post").path("responses");
        JsonNode wallet = paths.path("/api/v1/wallets/{playerId}").path("get").path("responses");

        assertThat(bet.path("422").path(ProblemResponses.TYPES_EXTENSION)).extracting(JsonNode::asText)
                .contains("insufficient-funds", "open-bets-limit").doesNotContain("api-keys-limit");
        assertThat(bet.path("423").path(ProblemResponses.TYPES_EXTENSION)).extracting(JsonNode::asText).containsExactly("wallet-frozen");
        assertThat(wallet.has("422")).as("a read refuses no business rule").isFalse();
        assertThat(wallet.path("503").path(ProblemResponses.TYPES_EXTENSION)).extracting(JsonNode::asText)
                .contains("projection-lagging");
        assertThat(wallet.path("401").path("content").has("application/problem+json")).isTrue();
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
