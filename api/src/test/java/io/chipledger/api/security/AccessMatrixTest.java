package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.admin.AdminRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler Spring has mapped, read from {@link RequestMappingHandlerMapping} so a new endpoint
 * is covered without editing this test, called by every kind of caller over several spellings of
 * its path. Each answer must be the handler's own rule: a caller who may not gets 401 or 403 (or a
 * 400/404 for a spelling that names no handler), never a 2xx and never a 500.
 */
class AccessMatrixTest extends LedgerApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    /** A caller: the header it sends, and what the access rules know about it. */
    private record Caller(String name, String header, String key, boolean partner, Set<AdminRole> roles) {
    }

    /** Spellings of one path: the plain one first; the firewall refuses the ambiguous ones outright. */
    private static final Map<String, UnaryOperator<String>> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("plain", path -> path);
        SPELLINGS.put("encoded letter", path -> "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2));
        SPELLINGS.put("matrix parameter", path -> path.replaceFirst("^(/[^/]+)", "$1;x"));
        SPELLINGS.put("double slash", path -> path.replaceFirst("^(/[^/]+)", "$1/"));
        SPELLINGS.put("dot segment", path -> path.replaceFirst("^(/[^/]+)", "$1/."));
        SPELLINGS.put("encoded slash", path -> path.replaceFirst("^(/[^/]+)/", "$1%2F"));
        SPELLINGS.put("trailing slash", path -> path + "/");
        SPELLINGS.put("upper case", path -> path.toUpperCase(java.util.Locale.ROOT));
    }

    private static final Set<String> FIREWALL_REFUSES = Set.of("matrix parameter", "double slash", "dot segment", "encoded slash");

    @Test
    void everyHandlerAnswersEachCallerByItsOwnRuleWhateverThePathsSpelling() {
        String[] owner = client.newPartner("wallet:read", "wallet:write", "reports:read");
        String[] other = client.newPartner("wallet:read", "wallet:write", "reports:read");
        client.deposit(owner[1], "alice", "5.00", "USD");
        List<Caller> callers = callers(owner[1], other[1]);

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers.getHandlerMethods().entrySet()) {
            if (HandlerAccessInterceptor.isFrameworkHandler(handler.getValue())
                    || HandlerAccessInterceptor.rule(handler.getValue(), ConsoleAccess.class) != null) {
                // The console's handlers take a signed-in session, not a key header: console.ConsoleAccessTest holds them to their rules.
                continue;
            }
            PartnerAccess partnerRule = HandlerAccessInterceptor.rule(handler.getValue(), PartnerAccess.class);
            AdminAccess adminRule = HandlerAccessInterceptor.rule(handler.getValue(), AdminAccess.class);
            assertThat(partnerRule != null || adminRule != null)
                    .as("%s declares its access rule", handler.getValue().getShortLogMessage()).isTrue();
            for (String pattern : handler.getKey().getPatternValues()) {
                String path = concrete(pattern, owner[0]);
                for (RequestMethod method : methods(handler.getKey())) {
                    for (Caller caller : callers) {
                        boolean allowed = partnerRule != null ? caller.partner()
                                : Arrays.stream(adminRule.value()).anyMatch(caller.roles()::contains);
                        for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
                            Reply reply = call(method, spelling.getValue().apply(path), caller);
                            calls++;
                            String problem = check(reply, allowed, caller, spelling.getKey());
                            if (problem != null) {
                                wrong.add(method + " " + spelling.getValue().apply(path) + " as " + caller.name() + " ("
                                        + spelling.getKey() + "): " + reply.status() + " " + problem + " " + abbreviate(reply.raw()));
                            }
                        }
                    }
                }
            }
        }
        assertThat(calls).as("calls made").isGreaterThan(34 * 11 * SPELLINGS.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void healthAndInfoArePublicAndTheRestOfTheActuatorIsNot() {
        assertThat(client.send("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(client.send("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(client.send("GET", "/actuator/info", null).status()).isEqualTo(200);
        String supportKey = client.newAdminKey("actuator support", "support")[1];
        String opsKey = client.newAdminKey("actuator ops", "ops")[1];
        for (String hidden : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/heapdump")) {
            Reply reply = client.send("GET", hidden, null);
            assertThat(reply.status()).as(hidden).isEqualTo(401);
            assertThat(reply.contentType()).as(hidden).startsWith("application/problem+json");
            Reply partner = client.send("GET", hidden, null, "X-API-Key", client.newPartner()[1]);
            assertThat(partner.status()).as(hidden).isEqualTo(403);
            assertThat(partner.text("type")).as(hidden).endsWith("/admin-only");
            Reply support = client.send("GET", hidden, null, "X-Admin-Key", supportKey);
            assertThat(support.status()).as(hidden).isEqualTo(403);
            assertThat(support.text("type")).as(hidden).endsWith("/missing-role");
            // Allowed: metrics is exposed (200); the rest is not, so an ops key finds nothing there (404).
            assertThat(client.send("GET", hidden, null, "X-Admin-Key", opsKey).status()).as(hidden).isIn(200, 404);
        }
    }

    @Test
    void theFrameworksHandlersAreNoBackDoor() {
        String partnerKey = client.newPartner()[1];
        String marketing = client.newAdminKey("door marketing", "marketing")[1];
        for (String method : List.of("GET", "POST", "DELETE")) {
            Reply error = client.send(method, "/error", null, "X-Admin-Key", marketing);
            assertThat(error.status()).as(method).isEqualTo(404);
            assertThat(error.contentType()).startsWith("application/problem+json");
            assertThat(client.send(method, "/error", null, "X-API-Key", partnerKey).status()).isEqualTo(404);
            assertThat(client.send(method, "/error", null).status()).isEqualTo(401);
        }
        assertThat(client.send("GET", "/webjars/swagger-ui/index.html", null, "X-API-Key", partnerKey).status()).isEqualTo(404);
        assertThat(client.send("GET", "/v3/api-docs.yaml", null).status()).isEqualTo(200);
        Reply options = client.send("OPTIONS", "/api/v1/wallets/alice/deposits", null, "X-Admin-Key", marketing);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.raw()).isEmpty();
        for (String blocked : List.of("/WEB-INF/web.xml", "/META-INF/MANIFEST.MF")) {
            Reply reply = client.send("GET", blocked, null, "X-API-Key", partnerKey);
            assertThat(reply.status()).as(blocked).isEqualTo(404);
            assertThat(reply.contentType()).as(blocked).startsWith("application/problem+json");
        }
    }

    /** Null when the answer fits the rule, else what is wrong with it. */
    private static String check(Reply reply, boolean allowed, Caller caller, String spelling) {
        int status = reply.status();
        if (status >= 500) {
            return "a server error";
        }
        if (!reply.contentType().startsWith("application/json") && !reply.contentType().startsWith("application/problem+json")) {
            return "not JSON";
        }
        if (FIREWALL_REFUSES.contains(spelling)) {
            // Spring Security's firewall answers rejected-request; Tomcat refuses an encoded '/' itself (http-400).
            return status == 400 && reply.contentType().startsWith("application/problem+json") ? null : "not refused at the door";
        }
        if (!allowed) {
            if (status >= 200 && status < 300) {
                return "a success for a caller who may not";
            }
            boolean refusedByRule = caller.key() == null ? status == 401 : status == 403;
            boolean namesNoHandler = !spelling.equals("plain") && !spelling.equals("encoded letter") && status == 404;
            return refusedByRule || namesNoHandler ? null : "not the rule's refusal";
        }
        if (spelling.equals("plain") || spelling.equals("encoded letter")) {
            return status == 401 || status == 403 ? "refused a caller who may" : null;
        }
        return status == 404 ? null : "answered a path no handler has";
    }

    private List<Caller> callers(String ownerKey, String otherKey) {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("nobody", null, null, false, Set.of()));
        callers.add(new Caller("the owner partner", "X-API-Key", ownerKey, true, Set.of()));
        callers.add(new Caller("another partner", "X-API-Key", otherKey, true, Set.of()));
        callers.add(new Caller("the bootstrap key", "X-Admin-Key", "test-admin-key", false, Set.of(AdminRole.SUPER)));
        for (AdminRole role : AdminRole.values()) {
            String key = client.newAdminKey("matrix " + role.wireName(), role.wireName())[1];
            callers.add(new Caller("an admin with " + role.wireName(), "X-Admin-Key", key, false, Set.of(role)));
        }
        return callers;
    }

    private Reply call(RequestMethod method, String path, Caller caller) {
        String body = method == RequestMethod.GET || method == RequestMethod.DELETE ? null : "{}";
        return caller.key() == null ? client.send(method.name(), path, body) : client.send(method.name(), path, body, caller.header(), caller.key());
    }

    private static List<RequestMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(methods);
    }

    /** Path variables filled with values that name real things where that matters, and nothing that a call could change. */
    private static String concrete(String pattern, String partnerId) {
        return pattern.replace("{partnerId}", partnerId)
                .replace("{playerId}", "alice")
                .replace("{keyId}", pattern.contains("admin-keys") ? "ak_0000000000000000" : "k_0000000000000000")
                .replaceAll("\\{[^}]+}", "x1");
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
