package io.chipledger.api.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.chipledger.api.input.StrictDecimalDeserializer;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.HandlerAccessInterceptor;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.core.admin.AdminRole;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.chipledger.api.report.CsvMessageConverter;
import io.chipledger.api.report.CsvTable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} as a contract clients can generate from (issue 12):
 * names exactly as the API reads and writes them (the service's own snake_case ObjectMapper),
 * amounts as decimal strings, both key headers as security schemes applied per operation with
 * the scope or roles the handler's access rule needs, the problem responses every operation can
 * give, and tags by feature. Kept here, in one place, so controllers read as controllers.
 */
@Configuration(proxyBeanMethods = false)
@SuppressWarnings({"rawtypes", "unchecked"})
class OpenApiConfiguration {

    static final String PARTNER_KEY = "partnerKey";
    static final String ADMIN_KEY = "adminKey";
    static final String PROBLEM = "Problem";
    /** The scope a partner key needs for an operation. */
    static final String SCOPE_EXTENSION = "x-required-scope";
    /** The admin roles of which a key needs one for an operation. */
    static final String ROLES_EXTENSION = "x-required-roles";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** The decimal grammar of every amount, the one the service reads with (docs/api-guide.md, "Amounts and assets"). */
    static final String AMOUNT_PATTERN = "^" + StrictDecimalDeserializer.GRAMMAR + "$";

    /** The schemas read with the service's ObjectMapper, so their names are the wire's (snake_case). */
    @Bean
    ModelResolver wireNames(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper);
    }

    /**
     * Every property named as the service's ObjectMapper writes it. The resolver above names
     * most so already, but swagger-core reads a record component starting with "is" (issued_at)
     * as a getter and keeps its Java name; the wire is snake_case for every body, so the rename
     * is safe for all.
     */
    @Bean
    OpenApiCustomizer snakeCaseProperties() {
        PropertyNamingStrategies.SnakeCaseStrategy snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        return openApi -> openApi.getComponents().getSchemas().values().forEach((Schema schema) -> {
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null) {
                Map<String, Schema> renamed = new LinkedHashMap<>();
                properties.forEach((name, property) -> renamed.put(snake.translate(name), property));
                schema.setProperties(renamed);
            }
            List<String> required = schema.getRequired();
            if (required != null) {
                schema.setRequired(required.stream().map(snake::translate).toList());
            }
        });
    }

    /**
     * An amount is an exact decimal, sent as a string: a number in a generated client would be a
     * double. Its example is the annotation's text ("100.00"), not the number swagger-core made of it ("100.0").
     */
    @Bean
    PropertyCustomizer decimalsAsStrings() {
        return (property, type) -> TypeFactory.defaultInstance().constructType(type.getType()).getRawClass() == BigDecimal.class
                ? new StringSchema().pattern(AMOUNT_PATTERN).example(exampleText(type).orElse("10.50")).description(property.getDescription())
                : property;
    }

    /**
     * Free-form JSON (a play's {@code outcome}, an activity's {@code meta}: {@code Map<String, Object>})
     * is an object whose values may be anything, not only objects as swagger-core reads {@code Object}.
     */
    @Bean
    PropertyCustomizer freeFormJson() {
        return (property, type) -> {
            JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
            if (!javaType.isMapLikeType() || javaType.getContentType().getRawClass() != Object.class) {
                return property;
            }
            Schema anyJson = new ObjectSchema().additionalProperties(true).description(property.getDescription());
            if (property.getExample() != null) {
                anyJson.setExample(property.getExample());
            }
            return anyJson;
        };
    }

    private static Optional<String> exampleText(AnnotatedType type) {
        return type.getCtxAnnotations() == null ? Optional.empty() : Arrays.stream(type.getCtxAnnotations())
                .filter(annotation -> annotation instanceof io.swagger.v3.oas.annotations.media.Schema)
                .map(annotation -> ((io.swagger.v3.oas.annotations.media.Schema) annotation).example())
                .filter(example -> !example.isEmpty())
                .findFirst();
    }

    @Bean
    OpenAPI chipLedgerOpenApi() {
        return new OpenAPI()
                // Relative: the document is the same wherever the service runs (and as committed, docs/openapi.json).
                .servers(List.of(new Server().url("/").description("this ChipLedger service")))
                .tags(FeatureTags.declared())
                .info(new Info().title("ChipLedger").version("v1")
                        .contact(new Contact().name("ChipLedger").url("https://chipledger.dev"))
                        .description(
                        "An event-sourced money and activity ledger for gaming platforms: deposits, withdrawals, bets, wins, "
                                + "rollbacks, token grants, plays and purchases, each accepted exactly once per idempotency key "
                                + "(transaction_id_partner or the Idempotency-Key header). Amounts are exact decimal strings. "
                                + "Every error is an RFC 7807 problem document. Guide: docs/api-guide.md."))
                .components(new Components()
                        .addSecuritySchemes(PARTNER_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("A partner's API key (ck_<prefix>_<secret>), with the scopes an operation needs"))
                        .addSecuritySchemes(ADMIN_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Admin-Key")
                                .description("An operator staff's admin key, with one of the roles an operation accepts"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /**
     * Per operation: the security scheme its access rule names (with the scope or roles in the
     * description and in the requirement), its tag by feature, and the problem responses.
     */
    /** The extension that marks, while the document is made, an operation whose answer can also be CSV. */
    private static final String CSV_MARK = "x-chipledger-csv";

    /**
     * An answer that can be a table ({@link CsvTable}) is also {@code text/csv}: text (a header
     * line, then one line per row), not the JSON object's schema.
     */
    @Bean
    OpenApiCustomizer csvAnswersAreText() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getExtensions() == null || operation.getExtensions().remove(CSV_MARK) == null) {
                return;
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().addMediaType(CsvMessageConverter.TEXT_CSV_VALUE, new io.swagger.v3.oas.models.media.MediaType()
                            .schema(new io.swagger.v3.oas.models.media.StringSchema()
                                    .description("RFC 4180 CSV, UTF-8: a header line, then one line per row (see docs/api-guide.md)")));
                }
            });
            if (operation.getExtensions().isEmpty()) {
                operation.setExtensions(null);
            }
        }));
    }

    @Bean
    OperationCustomizer accessTagsAndProblems() {
        return (operation, handler) -> {
            PartnerAccess partner = HandlerAccessInterceptor.rule(handler, PartnerAccess.class);
            AdminAccess admin = HandlerAccessInterceptor.rule(handler, AdminAccess.class);
            // An API-key scheme takes no scopes in OpenAPI 3.0: the scope or roles go in the description and an extension.
            if (partner != null) {
                operation.addSecurityItem(new SecurityRequirement().addList(PARTNER_KEY));
                operation.addExtension(SCOPE_EXTENSION, partner.value().wireName());
                operation.description(join(operation.getDescription(), "Needs a partner key with the scope `"
                        + partner.value().wireName() + "`."));
            } else if (admin != null) {
                List<String> roles = Arrays.stream(admin.value()).map(AdminRole::wireName).toList();
                operation.addSecurityItem(new SecurityRequirement().addList(ADMIN_KEY));
                operation.addExtension(ROLES_EXTENSION, roles);
                operation.description(join(operation.getDescription(), "Needs an admin key with one of the roles: "
                        + String.join(", ", roles) + "."));
            }
            operation.setTags(List.of(FeatureTags.of(handler)));
            if (operation.getSummary() == null) {
                operation.setSummary(summaryOf(handler.getMethod().getName()));
            }
            ProblemResponses.addTo(operation, partner != null, admin != null);
            if (CsvTable.class.isAssignableFrom(handler.getMethod().getReturnType())) {
                operation.addExtension(CSV_MARK, true);
            }
            return operation;
        };
    }

    /** The handler's name in words, {@code decideWithdrawal} → "Decide withdrawal": what a client's menu shows. */
    static String summaryOf(String methodName) {
        String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String join(String description, String sentence) {
        return description == null || description.isBlank() ? sentence : description + "\n\n" + sentence;
    }

    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 7807 problem document; `type` is stable per case (docs/api-guide.md, the problem table)")
                .addProperty("type", new StringSchema().example("https://chipledger.dev/problems/insufficient-funds"))
                .addProperty("title", new StringSchema().example("Unprocessable Entity"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("insufficient funds: 950 minor units of USD available"))
                .addProperty("instance", new StringSchema().example("/api/v1/wallets/alice/bets"))
                .addProperty("field", new StringSchema().description("the request field at fault, when there is one"))
                .additionalProperties(true)
                .required(List.of("type", "title", "status"));
    }

    /** A problem response of {@code status}, with the given description. */
    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
