package io.chipledger.api.openapi;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.admin.AdminRole;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.partner.PartnerStatus;
import io.chipledger.core.partner.PartnerType;
import io.chipledger.core.partner.SettlementPolicy;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.wallet.Game;
import io.chipledger.core.wallet.WalletStatus;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The closed sets of values the API reads and writes, as enums in the OpenAPI document, taken
 * from where the service takes them: the configured assets ({@code chipledger.assets}) and the
 * ledger's own enums, spelled as on the wire. One table, by field name, so no controller carries
 * the lists and no list can drift from the code that checks it (the contract test validates
 * every request and answer of the integration suite against these enums).
 */
@Component
@SuppressWarnings({"rawtypes", "unchecked"})
class WireEnums implements OpenApiCustomizer {

    /** Fields named so hold one of these values, in any body. */
    private final Map<String, List<String>> byField;
    /** Fields whose name alone does not say what they hold: by schema, then field. */
    private static final Map<String, Map<String, List<String>>> BY_SCHEMA_FIELD = Map.of(
            "ActivityRequest", Map.of("event_type", names(ActivityType.values())),
            "ActivityResponse", Map.of("event_type", names(ActivityType.values())),
            "PartnerRegistration", Map.of("type", lowerCase(PartnerType.values())),
            "PartnerResponse", Map.of("type", lowerCase(PartnerType.values()), "status", lowerCase(PartnerStatus.values())),
            "RegisteredPartnerResponse", Map.of("type", lowerCase(PartnerType.values()), "status", lowerCase(PartnerStatus.values())),
            "WalletResponse", Map.of("status", names(WalletStatus.values())));
    /** Path and query parameters, by name. */
    private final Map<String, List<String>> byParameter;

    WireEnums(AssetRegistry assets) {
        List<String> everyAsset = assets.codes(kind -> true);
        this.byField = Map.of(
                "currency", everyAsset,
                "asset", everyAsset,
                "token_type", assets.codes(kind -> kind == AssetKind.TOKEN),
                "game", names(Game.values()),
                "settlement_policy", lowerCase(SettlementPolicy.values()),
                "roles", Arrays.stream(AdminRole.values()).map(AdminRole::wireName).toList(),
                "scopes", Arrays.stream(ApiScope.values()).map(ApiScope::wireName).toList());
        this.byParameter = Map.of(
                "currency", everyAsset,
                "game", names(Game.values()),
                "decision", List.of("approve", "reject", "cancel"));
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().getSchemas().forEach((name, schema) -> {
            Map<String, List<String>> fields = BY_SCHEMA_FIELD.getOrDefault(name, Map.of());
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null) {
                properties.replaceAll((field, property) -> restricted(property, fields.getOrDefault(field, byField.get(field))));
            }
        });
        openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getParameters() == null ? Stream.<Parameter>empty() : operation.getParameters().stream())
                .forEach(parameter -> parameter.setSchema(restricted(parameter.getSchema(), byParameter.get(parameter.getName()))));
    }

    /**
     * A string, or an array of strings, limited to {@code values}, as a new schema: swagger-core
     * shares one schema object among parameters and properties of the same type. Others are kept.
     */
    private static Schema restricted(Schema schema, List<String> values) {
        if (values == null || schema == null) {
            return schema;
        }
        Schema copy;
        if ("array".equals(schema.getType()) && schema.getItems() != null && "string".equals(schema.getItems().getType())) {
            copy = new ArraySchema().items(new StringSchema()._enum(values));
        } else if ("string".equals(schema.getType()) && schema.getPattern() == null && schema.getFormat() == null) {
            copy = new StringSchema()._enum(values);
        } else {
            return schema;
        }
        // What other customizers said of the field stays: whether it may be null, how many items.
        copy.setDescription(schema.getDescription());
        copy.setNullable(schema.getNullable());
        copy.setMinItems(schema.getMinItems());
        copy.setMaxItems(schema.getMaxItems());
        if (schema.getExample() != null) {
            copy.setExample(schema.getExample());
        }
        return copy;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> lowerCase(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> value.name().toLowerCase(Locale.ROOT)).toList();
    }
}
