package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import io.chipledger.api.security.HandlerAccessInterceptor;
import io.chipledger.core.admin.AdminRole;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * What the console's server refuses whatever a page shows (issue 21): no session, no CSRF token,
 * another role's page or action (by URL or a forged post with a genuine token), an expired or
 * signed-out session, a revoked key; and the session cookie's flags.
 */
class ConsoleAccessTest extends LedgerApiTest {

    /** A well-formed admin key that was never issued. */
    private static final String UNKNOWN_ADMIN_KEY = "ca_0123456789ab_" + "A".repeat(43);

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    ConsoleAccessRules rules;

    @Test
    void withoutASessionEveryPageSendsToTheSignInForm() throws Exception {
        ConsoleSession anonymous = new ConsoleSession(port);
        for (String page : new String[] {"/console", "/console/partners", "/console/partners/p_0000000000000000"}) {
            HttpResponse<String> reply = anonymous.get(page);
            assertThat(reply.statusCode()).as(page).isEqualTo(302);
            assertThat(reply.headers().firstValue("Location")).as(page).hasValueSatisfying(to -> assertThat(to).endsWith("/console/sign-in"));
        }
        assertThat(anonymous.get("/console/sign-in").statusCode()).isEqualTo(200);
    }

    @Test
    void theSignInFormTakesLiveAdminKeysOnly() throws Exception {
        String[] partner = client.newPartner();
        String[] revoked = client.newAdminKey("Rex Revoked", "ops");
        client.bootstrap("DELETE", "/admin/v1/admin-keys/" + revoked[0], null);
        for (String key : new String[] {"", "not-a-key", partner[1], revoked[1], UNKNOWN_ADMIN_KEY}) {
            HttpResponse<String> reply = new ConsoleSession(port).signIn(key);
            assertThat(reply.statusCode()).as(key).isEqualTo(302);
            assertThat(reply.headers().firstValue("Location").orElseThrow()).as(key).endsWith("/console/sign-in?refused");
        }
        ConsoleSession staff = new ConsoleSession(port);
        HttpResponse<String> signedIn = staff.signIn(client.newAdminKey("Sue Support", "support")[1]);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(staff.get("/console").body()).contains("Sue Support");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheConsole() throws Exception {
        ConsoleSession staff = new ConsoleSession(port);
        HttpResponse<String> signedIn = staff.signIn(client.newAdminKey("Sue Support", "support")[1]);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(line -> line.startsWith("CHIPLEDGER_CONSOLE="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("Path=/console", "HttpOnly", "SameSite=Strict");
        // Plain HTTP here: Tomcat adds Secure only to a session made over HTTPS.
        assertThat(cookie).doesNotContain("Secure");
        HttpResponse<String> page = staff.get("/console");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String[] partner = client.newPartner();
        String keyId = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/api-keys", null).body().get(0).get("key_id").asText();
        ConsoleSession ops = new ConsoleSession(port);
        ops.signIn(client.newAdminKey("Olga Ops", "ops")[1]);
        String revoke = "/console/partners/" + partner[0] + "/api-keys/" + keyId + "/revoke";

        assertThat(ops.post(revoke, Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> forged = ops.post(revoke, Map.of("_csrf", "<b>forged</b>"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).as("the sender's token is not echoed").doesNotContain("forged");
        assertThat(client.get(partner[1], "/api/v1/wallets/nobody").status()).isNotEqualTo(401);

        assertThat(ops.post(revoke, Map.of("_csrf", ops.csrfToken("/console"))).statusCode()).isEqualTo(200);
        assertThat(client.get(partner[1], "/api/v1/wallets/nobody").status()).isEqualTo(401);
    }

    @Test
    void anotherRolesPageOrActionIs403ByUrlAndByAForgedPostWithAGenuineToken() throws Exception {
        String[] partner = client.newPartner();
        String keyId = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/api-keys", null).body().get(0).get("key_id").asText();
        ConsoleSession aml = new ConsoleSession(port);
        aml.signIn(client.newAdminKey("Amy Aml", "aml")[1]);
        ConsoleSession support = new ConsoleSession(port);
        support.signIn(client.newAdminKey("Sue Support", "support")[1]);

        assertThat(aml.get("/console/partners").statusCode()).isEqualTo(403);
        assertThat(aml.get("/console/partners/" + partner[0]).statusCode()).isEqualTo(403);
        assertThat(aml.get("/console/partners.csv").statusCode()).isEqualTo(403);
        assertThat(aml.get("/console").body()).doesNotContain("/console/partners");
        // Support reads partners (the API's GET allows support) but may not revoke (the API's DELETE does not).
        assertThat(support.get("/console/partners/" + partner[0]).statusCode()).isEqualTo(200);
        String revoke = "/console/partners/" + partner[0] + "/api-keys/" + keyId + "/revoke";
        HttpResponse<String> forged = support.post(revoke, Map.of("_csrf", support.csrfToken("/console")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("lacks a role");
        HttpResponse<String> forgedByAml = aml.post(revoke, Map.of("_csrf", aml.csrfToken("/console")));
        assertThat(forgedByAml.statusCode()).isEqualTo(403);
        assertThat(client.get(partner[1], "/api/v1/wallets/nobody").status()).isNotEqualTo(401);
    }

    @Test
    void aSessionEndsWhenIdleWhenSignedOutAndWhenItsKeyIsRevoked() throws Exception {
        ConsoleSession idle = new ConsoleSession(port);
        idle.signIn(client.newAdminKey("Ida Idle", "support")[1]);
        Session session = manager().findSession(idle.sessionId());
        assertThat(session.getMaxInactiveInterval()).as("the idle timeout, server.servlet.session.timeout").isEqualTo(30 * 60);
        // Tomcat's own expiry, with the idle time shortened to a second for this session alone.
        session.setMaxInactiveInterval(1);
        Thread.sleep(1_200);
        HttpResponse<String> expired = idle.get("/console/partners");
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in?expired");

        ConsoleSession leaving = new ConsoleSession(port);
        leaving.signIn(client.newAdminKey("Leo Leaving", "support")[1]);
        HttpResponse<String> signedOut = leaving.post("/console/sign-out", Map.of("_csrf", leaving.csrfToken("/console")));
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in?signed-out");
        assertThat(leaving.get("/console").statusCode()).isEqualTo(302);

        String[] key = client.newAdminKey("Rita Revoked", "support");
        ConsoleSession revoked = new ConsoleSession(port);
        revoked.signIn(key[1]);
        assertThat(revoked.get("/console/partners").statusCode()).isEqualTo(200);
        client.bootstrap("DELETE", "/admin/v1/admin-keys/" + key[0], null);
        HttpResponse<String> ended = revoked.get("/console/partners");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in?key-ended");
        assertThat(revoked.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void htmxIsSentToTheSignInPageAndASharedLinkOpensAfterSignIn() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> section = browser.withHeader("HX-Request", "true", "GET", "/console/partners");
        assertThat(section.statusCode()).isEqualTo(401);
        assertThat(section.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/console/sign-in");
        assertThat(browser.get("/console/partners?q=lucky").statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = browser.signIn(client.newAdminKey("Link Follower", "support")[1]);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/partners?q=lucky");
    }

    @Test
    void signOutDeletesTheCookieWhereItWasSet() throws Exception {
        ConsoleSession leaving = new ConsoleSession(port);
        leaving.signIn(client.newAdminKey("Leo Leaving", "support")[1]);
        HttpResponse<String> signedOut = leaving.post("/console/sign-out", Map.of("_csrf", leaving.csrfToken("/console")));
        assertThat(signedOut.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("CHIPLEDGER_CONSOLE=").contains("Path=/console").containsAnyOf("Max-Age=0", "Expires=Thu, 01 Jan 1970"));
    }

    @Test
    void aFormBodyStillReachesNoApiEndpoint() throws Exception {
        ConsoleSession ops = new ConsoleSession(port);
        ops.signIn(client.newAdminKey("Olga Ops", "ops")[1]);
        HttpResponse<String> reply = ops.post("/admin/v1/partners", Map.of("name", "Form Ops"));
        assertThat(reply.statusCode()).isEqualTo(415);
    }

    /**
     * Every console handler, as each role's signed-in session: 403 exactly when none of the admin's
     * roles is one its API endpoint accepts, whatever the page would show; and a key header alone
     * opens nothing (the console takes a session, not {@code X-Admin-Key}).
     */
    @Test
    void everyConsoleHandlerAnswersEachRoleByTheRuleOfTheEndpointItFronts() throws Exception {
        String partnerId = client.newPartner()[0];
        String superKey = client.newAdminKey("Matrix Super", "super")[1];
        Map<AdminRole, ConsoleSession> sessions = new java.util.EnumMap<>(AdminRole.class);
        for (AdminRole role : AdminRole.values()) {
            ConsoleSession session = new ConsoleSession(port);
            session.signIn(client.newAdminKey("Matrix " + role.wireName(), role.wireName())[1]);
            sessions.put(role, session);
        }
        java.util.List<String> wrong = new java.util.ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers.getHandlerMethods().entrySet()) {
            if (HandlerAccessInterceptor.rule(handler.getValue(), ConsoleAccess.class) == null) {
                continue;
            }
            java.util.List<AdminRole> accepted = rules.rolesOf(handler.getValue());
            assertThat(accepted).as(handler.getValue().getShortLogMessage()).isNotEmpty();
            for (String pattern : handler.getKey().getPatternValues()) {
                String path = pattern.replace("{partnerId}", partnerId).replaceAll("\\{[^}]+}", "x1");
                boolean post = handler.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST);
                HttpResponse<String> withHeader = new ConsoleSession(port).withHeader("X-Admin-Key", superKey, post ? "POST" : "GET", path);
                if (withHeader.statusCode() != (post ? 403 : 302)) {
                    wrong.add(path + " with X-Admin-Key and no session: " + withHeader.statusCode());
                }
                for (Map.Entry<AdminRole, ConsoleSession> caller : sessions.entrySet()) {
                    ConsoleSession session = caller.getValue();
                    HttpResponse<String> reply = post ? session.post(path, Map.of("_csrf", session.csrfToken("/console"))) : session.get(path);
                    boolean allowed = accepted.contains(caller.getKey());
                    checked++;
                    if (allowed == (reply.statusCode() == 403)) {
                        wrong.add((post ? "POST " : "GET ") + path + " as " + caller.getKey().wireName() + ": " + reply.statusCode());
                    }
                }
            }
        }
        assertThat(checked).as("console handlers checked").isGreaterThan(0);
        assertThat(wrong).isEmpty();
    }

    private Manager manager() {
        Context console = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
        return console.getManager();
    }
}
