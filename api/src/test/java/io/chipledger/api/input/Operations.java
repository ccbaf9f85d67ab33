package io.chipledger.api.input;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of the API, as Spring MVC routes it, with one valid body for each that takes a
 * body. A new endpoint is covered by the hostile-input tests without editing them; one with a body
 * and no sample here fails them until it gets one.
 */
record Operations(List<Operation> all) {

    /** One route: {@code key} is "METHOD /path/{var}". */
    record Operation(String method, String pattern, HandlerMethod handler) {

        String key() {
            return method + " " + pattern;
        }

        boolean takesBody() {
            return parameters().stream().anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        }

        boolean isAdmin() {
            return pattern.startsWith("/admin/");
        }

        List<MethodParameter> parameters() {
            List<MethodParameter> parameters = List.of(handler.getMethodParameters());
            parameters.forEach(parameter -> parameter.initParameterNameDiscovery(NAMES));
            return parameters;
        }

        /** Query parameters, by name, with their Java types. */
        Map<String, Class<?>> queryParameters() {
            Map<String, Class<?>> names = new LinkedHashMap<>();
            for (MethodParameter parameter : parameters()) {
                RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
                if (query != null) {
                    String name = query.name().isEmpty() ? query.value() : query.name();
                    names.put(name.isEmpty() ? parameter.getParameterName() : name, parameter.getParameterType());
                }
            }
            return names;
        }

        /** Path variables, by name. */
        List<String> pathVariables() {
            List<String> names = new ArrayList<>();
            for (MethodParameter parameter : parameters()) {
                PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                if (variable != null) {
                    names.add(variable.value().isEmpty() ? parameter.getParameterName() : variable.value());
                }
            }
            return names;
        }

        /** The path with each variable given a value; {@code values} holds some, the rest are defaults. */
        String path(Map<String, String> values) {
            String path = pattern;
            for (String variable : pathVariables()) {
                path = path.replace("{" + variable + "}", values.getOrDefault(variable, DEFAULT_PATH_VALUES.get(variable)));
            }
            return path;
        }
    }

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();
    static final Map<String, String> DEFAULT_PATH_VALUES = Map.ofEntries(Map.entry("playerId", "eve"), Map.entry("withdrawalId", "w-1"),
            Map.entry("decision", "approve"), Map.entry("keyId", "k_0000000000000000"), Map.entry("name", "wallet-balances"),
            Map.entry("job", "withdrawal-expiry"), Map.entry("alertId", "aml:manual:00000000-0000-0000-0000-000000000000"),
            Map.entry("ruleId", "sr_0000000000000000"), Map.entry("segment", "VIP"), Map.entry("code", "WELCOME10"),
            Map.entry("poolId", "pool_0000000000000000"), Map.entry("campaignId", "cmp_0000000000000000"));

    static Operations of(RequestMappingHandlerMapping mapping) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
            for (String pattern : route.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.startsWith("/admin/")) {
                    route.getKey().getMethodsCondition().getMethods()
                            .forEach(method -> operations.add(new Operation(method.name(), pattern, route.getValue())));
                }
            }
        }
        operations.sort(Comparator.comparing(Operation::key));
        return new Operations(List.copyOf(operations));
    }

    /** Fields whose text is a decimal, an instant, or a free-form JSON object: their hostile variants differ. */
    static final Set<String> DECIMAL_FIELDS = Set.of("amount", "commission_rate", "cap");
    static final Set<String> INSTANT_FIELDS = Set.of("expires_at", "occurred_at", "starts_at", "ends_at");
    static final Set<String> FREE_FORM_FIELDS = Set.of("outcome", "meta");

    private static final String AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String SEGMENT_RULE = "{\"name\":\"Dormant\",\"segment\":\"DORMANT_LONG\",\"priority\":1,"
            + "\"condition\":{\"field\":\"days_since_last_charge\",\"op\":\">=\",\"value\":14}}";
    private static final String IN_AN_HOUR = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String IN_A_MONTH = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    private static final String PARTNER = "{\"name\":\"Hostile Ops\",\"type\":\"operator\",\"commission_rate\":\"0.05\","
            + "\"contact_email\":\"ops@hostile.example\"}";
    private static final String TOKENS = "{\"token_type\":\"DICE_TOKEN\",\"amount\":\"2\",\"reason\":\"welcome\",\"label\":\"signup\","
            + "\"transaction_id_partner\":\"tok-1\"}";

    /** One valid body per operation that takes one. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("POST /api/v1/batches", "{\"commands\":[{\"operation\":\"deposit\",\"player_id\":\"p-1\",\"amount\":\"10.00\","
                    + "\"currency\":\"USD\",\"transaction_id_partner\":\"batch-dep-1\"}]}"),
            Map.entry("POST /api/v1/wallets/{playerId}/deposits",
                    "{\"amount\":\"10.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"dep-1\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/withdrawals",
                    "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"wd-1\",\"mode\":\"two_phase\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/withdrawals/{withdrawalId}/{decision}", "{\"transaction_id_partner\":\"wd-1-ok\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/bets",
                    "{\"amount\":\"1.50\",\"currency\":\"USD\",\"game_id\":\"slots\",\"round_id\":\"r-1\",\"transaction_id_partner\":\"bet-1\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/wins", "{\"amount\":\"2.50\",\"currency\":\"USD\",\"game_id\":\"slots\","
                    + "\"round_id\":\"r-1\",\"transaction_id_partner\":\"win-1\",\"bet_transaction_id_partner\":\"bet-1\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/rollbacks",
                    "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"bet-1\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
                    + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"5\"}],"
                    + "\"outcome\":{\"result\":\"WIN\",\"dice\":[6,5],\"odds\":1.5},\"transaction_id_partner\":\"play-1\","
                    + "\"event_id\":\"2416f2c9-6d14-3bc3-817a-e7051554f931\"}"),
            Map.entry("POST /api/v1/wallets/{playerId}/purchases", "{\"sku\":\"gem-pack\",\"quantity\":3,"
                    + "\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"3\"},\"transaction_id_partner\":\"buy-1\"}"),
            Map.entry("POST /api/v1/players/{playerId}/activities", "{\"event_type\":\"PLAY_DURATION\","
                    + "\"event_id\":\"0b6f3a52-8c1e-4b7a-9a55-3f0e2d1c4b6a\",\"value\":180,\"meta\":{\"device\":\"web\",\"taps\":3},"
                    + "\"occurred_at\":\"" + AN_HOUR_AGO + "\"}"),
            Map.entry("POST /admin/v1/admin-keys",
                    "{\"name\":\"Hostile Ops\",\"roles\":[\"ops\",\"support\"],\"expires_at\":\"" + IN_A_MONTH + "\"}"),
            Map.entry("POST /admin/v1/partners", PARTNER),
            Map.entry("POST /admin/v1/aml/alerts", "{\"partner_id\":\"p_0000000000000000\",\"player_id\":\"sam\","
                    + "\"type\":\"sanctions_hit\",\"severity\":\"HIGH\",\"score\":70,\"note\":\"list match\"}"),
            Map.entry("POST /admin/v1/aml/alerts/{alertId}/assignment", "{\"assignee\":\"kim\"}"),
            Map.entry("POST /admin/v1/aml/alerts/{alertId}/status", "{\"status\":\"CLOSED\",\"reason\":\"documented\"}"),
            Map.entry("POST /admin/v1/aml/alerts/{alertId}/notes", "{\"note\":\"checked\"}"),
            Map.entry("POST /admin/v1/aml/rescan", "{\"partner_id\":\"p_0000000000000000\",\"from\":\"" + AN_HOUR_AGO + "\","
                    + "\"to\":\"" + IN_AN_HOUR + "\"}"),
            Map.entry("POST /admin/v1/settlements", "{\"partner_id\":\"p_0000000000000000\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}"),
            Map.entry("POST /admin/v1/jobs/parked/{job}/retry", "{\"item_key\":\"p_0000000000000000:eve:wd-1\"}"),
            Map.entry("PATCH /admin/v1/partners/{partnerId}",
                    "{\"name\":\"Hostile Ops 2\",\"commission_rate\":\"0.06\",\"contact_email\":\"ops2@hostile.example\","
                    + "\"settlement_policy\":\"multi_win\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/suspend", "{\"reason\":\"unpaid invoice\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/segment-rules", SEGMENT_RULE),
            Map.entry("POST /admin/v1/partners/{partnerId}/segment-rules/preview", SEGMENT_RULE),
            Map.entry("PUT /admin/v1/partners/{partnerId}/segment-rules/{ruleId}", SEGMENT_RULE),
            Map.entry("POST /admin/v1/partners/{partnerId}/reward-pools", "{\"name\":\"Autumn chest\",\"items\":["
                    + "{\"item_id\":\"gold\",\"weight\":5,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"500\"},\"stock\":10},"
                    + "{\"item_id\":\"blank\",\"weight\":95}],\"stake\":{\"asset\":\"DICE_TOKEN\",\"amount\":\"1\"}}"),
            Map.entry("POST /api/v1/players/{playerId}/reward-draws",
                    "{\"pool_id\":\"pool_0000000000000000\",\"transaction_id_partner\":\"draw-1\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/reactivate", "{\"reason\":\"paid\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/campaigns", "{\"name\":\"Welcome week\",\"segment\":\"NEW\","
                    + "\"starts_at\":\"" + IN_AN_HOUR + "\",\"ends_at\":\"" + IN_A_MONTH + "\",\"reward\":{\"kind\":\"token_grant\","
                    + "\"asset\":\"ROULETTE_COIN\",\"amount\":\"10\"},\"message_template\":\"Hi {player_id}: {amount} {asset}\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/campaigns/{campaignId}/cancel", "{\"reason\":\"budget cut\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/api-keys/{keyId}/rotate", "{\"old_key_expires_at\":\"" + IN_AN_HOUR + "\"}"),
            Map.entry("PUT /admin/v1/partners/{partnerId}/ip-allow-list", "{\"cidrs\":[\"203.0.113.0/24\"],\"reason\":\"egress\"}"),
            Map.entry("PUT /admin/v1/partners/{partnerId}/rate-limit", "{\"requests_per_second\":100,\"burst\":200}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/api-keys",
                    "{\"scopes\":[\"wallet:read\",\"wallet:write\"],\"expires_at\":\"" + IN_A_MONTH + "\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/adjustments",
                    "{\"amount\":\"-2.00\",\"currency\":\"USD\",\"reason\":\"chargeback\",\"transaction_id_partner\":\"adj-1\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/freeze", "{\"reason\":\"aml review\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/unfreeze", "{\"reason\":\"cleared\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/token-grants", TOKENS),
            Map.entry("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/token-revocations", TOKENS),
            Map.entry("POST /admin/v1/partners/{partnerId}/coupons", "{\"code\":\"WELCOME10\",\"kind\":\"fixed\",\"asset\":\"USD\","
                    + "\"amount\":\"10.00\",\"expires_at\":\"" + IN_A_MONTH + "\",\"usage_limit\":100,\"per_player_limit\":1}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/coupons/{code}/disable", "{\"reason\":\"code leaked\"}"),
            Map.entry("POST /api/v1/players/{playerId}/coupon-redemptions", "{\"code\":\"WELCOME10\",\"transaction_id_partner\":\"coupon-1\"}"),
            Map.entry("POST /admin/v1/partners/{partnerId}/token-grants/bulk", "{\"token_type\":\"LOTTERY_TICKET\","
                    + "\"reason\":\"campaign\",\"label\":\"autumn\",\"transaction_id_partner\":\"bulk-1\","
                    + "\"grants\":[{\"player_id\":\"eve\",\"amount\":\"1\"},{\"player_id\":\"finn\",\"amount\":\"2\"}]}"));
}
