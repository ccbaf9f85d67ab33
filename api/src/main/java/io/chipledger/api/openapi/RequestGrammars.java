package io.chipledger.api.openapi;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.settlement.Settlements;
import io.chipledger.api.token.TokenRequests;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.admin.AdminRole;
import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.segment.SegmentRuleBook;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.wallet.PlayerWallet;
import io.chipledger.core.wallet.WalletId;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the service refuses in a request, said in the document, so a request the document allows
 * is one the service takes: the grammar of ids (from {@link RequestFields} and {@link WalletId},
 * the patterns the service checks with), the length of texts, the size of a bulk grant, no field
 * the schema does not name (the service refuses unknown fields), amounts without a sign except an
 * adjustment's, and where the idempotency key goes. Applied to every schema a request body reaches
 * and to the path and header parameters; answers keep their schemas as they are.
 */
@Component
@SuppressWarnings({"rawtypes", "unchecked"})
class RequestGrammars implements OpenApiCustomizer {

    /** Amounts a caller sends are not negative; only an adjustment takes a sign. */
    static final String UNSIGNED_AMOUNT_PATTERN = OpenApiConfiguration.AMOUNT_PATTERN.replace("^-?", "^");
    private static final String KEY_RULE = "the idempotency key: required here or in the Idempotency-Key header (one of the two)";
    private static final String BATCH_KEY_RULE = "the command's idempotency key, as if it were sent alone: required for every command";

    /** An idempotency key: a transaction id outside the ledger's own key namespaces ({@code activity:}, ...). */
    private static final String KEY_PATTERN = "^(?!" + String.join("|", RequestFields.RESERVED_KEY_PREFIXES) + ")"
            + RequestFields.TRANSACTION_ID.pattern() + "$";
    /** A fraction 0-1 with at most four decimals, as PartnerAdminController reads a commission rate. */
    private static final String COMMISSION_RATE_PATTERN = "^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$";
    /** Closed lists a request names one or more of: at least one, at most all. */
    private static final Map<String, Integer> LIST_SIZES = Map.of(
            "roles", AdminRole.values().length,
            "scopes", ApiScope.values().length,
            "rewards", PlayerWallet.PLAY_REWARDS_MAX);
    private static final Map<String, Pattern> FIELD_PATTERNS = Map.of(
            "transaction_id_partner", RequestFields.TRANSACTION_ID,
            "bet_transaction_id_partner", RequestFields.TRANSACTION_ID,
            "rolled_back_transaction_id_partner", RequestFields.TRANSACTION_ID,
            "game_id", RequestFields.GAME_ID,
            "round_id", RequestFields.GAME_ID,
            "config_id", RequestFields.GAME_ID,
            "sku", RequestFields.GAME_ID,
            "player_id", WalletId.ID,
            "partner_id", KnownPartners.PARTNER_ID,
            "corrects", Settlements.STATEMENT_ID);
    private static final Map<String, Integer> FIELD_LENGTHS = Map.of(
            "reason", RequestFields.REASON_LENGTH_MAX,
            "label", RequestFields.LABEL_LENGTH_MAX);
    private static final Map<String, Pattern> PARAMETER_PATTERNS = Map.of(
            "playerId", WalletId.ID,
            "partnerId", KnownPartners.PARTNER_ID,
            "partner_id", KnownPartners.PARTNER_ID,
            "statementId", Settlements.STATEMENT_ID,
            "withdrawalId", RequestFields.TRANSACTION_ID,
            "alertId", AmlAlert.ID,
            "ruleId", SegmentRuleBook.RULE_ID,
            "poolId", RewardPool.POOL_ID,
            "segment", Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN));

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        schemas.values().forEach(schema -> {
            if (schema.getProperties() != null && schema.getType() == null) {
                schema.setType("object");
            }
        });
        Set<String> requestSchemas = new HashSet<>();
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            MediaType body = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                    : operation.getRequestBody().getContent().get("application/json");
            if (body != null && body.getSchema() != null) {
                collect(body.getSchema(), schemas, requestSchemas);
            }
            parameters(operation);
        }));
        requestSchemas.forEach(name -> restrict(name, schemas.get(name)));
    }

    private static void collect(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        String ref = schema.get$ref() != null ? schema.get$ref() : schema.getItems() == null ? null : schema.getItems().get$ref();
        if (ref == null) {
            return;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        Schema referenced = schemas.get(name);
        if (referenced == null || referenced.getProperties() == null) {
            return; // free-form JSON (a segment rule's condition): its grammar is the service's own check
        }
        if (names.add(name)) {
            ((Map<String, Schema>) referenced.getProperties()).values().forEach(property -> collect(property, schemas, names));
        }
    }

    private static void restrict(String name, Schema schema) {
        schema.setAdditionalProperties(false);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        ((Map<String, Schema>) schema.getProperties()).forEach((field, property) -> {
            if (!required.contains(field)) {
                // The service reads an optional field sent as null as absent.
                property.setNullable(true);
            }
            Pattern pattern = FIELD_PATTERNS.get(field);
            if (pattern != null && property.get$ref() == null) {
                property.setPattern(field.equals("transaction_id_partner") ? KEY_PATTERN : "^" + pattern.pattern() + "$");
            }
            if (LIST_SIZES.containsKey(field) && "array".equals(property.getType())) {
                property.setMinItems(field.equals("rewards") ? 0 : 1);
                property.setMaxItems(LIST_SIZES.get(field));
            }
            if (field.equals("commission_rate")) {
                property.setPattern(COMMISSION_RATE_PATTERN);
            }
            if (field.equals("contact_email")) {
                property.setFormat("email");
            }
            if (field.equals("name")) {
                property.setMinLength(1);
            }
            if (FIELD_LENGTHS.containsKey(field)) {
                property.setMinLength(1);
                property.setMaxLength(FIELD_LENGTHS.get(field));
            }
            if (field.equals("transaction_id_partner")) {
                property.setDescription(name.equals("BatchCommand") ? BATCH_KEY_RULE : KEY_RULE);
            }
            if (field.equals("amount") && OpenApiConfiguration.AMOUNT_PATTERN.equals(property.getPattern()) && !name.equals("AdjustmentRequest")) {
                property.setPattern(UNSIGNED_AMOUNT_PATTERN);
            }
        });
        if (name.equals("BatchRequest")) {
            Schema commands = (Schema) schema.getProperties().get("commands");
            commands.setMinItems(1);
            commands.setMaxItems(RequestFields.BATCH_COMMANDS_MAX);
        }
        if (name.equals("BulkGrantRequest")) {
            Schema grants = (Schema) schema.getProperties().get("grants");
            grants.setMinItems(1);
            grants.setMaxItems(TokenRequests.BULK_GRANT_PLAYERS_MAX);
        }
    }

    private static void parameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Pattern pattern = PARAMETER_PATTERNS.get(parameter.getName());
            if (pattern != null && parameter.getSchema() != null) {
                Schema text = new StringSchema().pattern("^" + pattern.pattern() + "$");
                parameter.setSchema(text);
            }
            if (parameter.getName().equals(RequestFields.IDEMPOTENCY_KEY_HEADER)) {
                parameter.setSchema(new StringSchema().pattern(KEY_PATTERN));
                parameter.setDescription(KEY_RULE.replace("here or in the Idempotency-Key header", "here or as the body's transaction_id_partner"));
            }
        }
    }
}
