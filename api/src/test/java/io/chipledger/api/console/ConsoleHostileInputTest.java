package io.chipledger.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.HandlerAccessInterceptor;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every console handler with hostile values in each of its fields and path variables, as an
 * admin holding every role (so the handler runs): never a 500, and never the input echoed as
 * markup (the pages escape what they show); a text the API's JSON reader refuses (a control or
 * bidirectional character) is refused in every field alike, 400, whatever the path names.
 */
class ConsoleHostileInputTest extends LedgerApiTest {

    private static final String MARKUP = "<script>alert(1)</script>";
    private static final List<String> HOSTILE = List.of("", "-1", "9223372036854775807", "99999999999999999999999", "1e400",
            MARKUP, "x".repeat(2_000), "'; DROP TABLE partner_access; --", "\u202e\u0000ünï", "../../admin", "%zz");

    /** Texts the API's JSON reader refuses (input.Text): a console field must be refused alike, 400, before its handler runs. */
    private static final List<String> FORBIDDEN_TEXT = List.of("x\u202ey", "x\u0000y", "a\u0001b", "\uFEFFbom", "line\u2028break");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void noConsoleHandlerFailsOrEchoesMarkupOnHostileInput() throws Exception {
        String partnerId = client.newPartner()[0];
        ConsoleSession staff = new ConsoleSession(port);
        staff.signIn(client.newAdminKey("Hostile Staff", "super", "ops", "support", "marketing", "auditor", "aml")[1]);
        String token = staff.csrfToken("/console");
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers.getHandlerMethods().entrySet()) {
            if (HandlerAccessInterceptor.rule(handler.getValue(), ConsoleAccess.class) == null) {
                continue;
            }
            boolean post = handler.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST);
            List<String> fields = fields(handler.getValue());
            for (String pattern : handler.getKey().getPatternValues()) {
                String path = pattern.replace("{partnerId}", partnerId).replaceAll("\\{[^}]+}", "x1");
                for (String value : FORBIDDEN_TEXT) {
                    for (String field : fields) {
                        calls++;
                        int status = status(staff, post, path, Map.of(field, value), token);
                        if (status != 400) {
                            wrong.add((post ? "POST " : "GET ") + path + " " + field + "=" + value.codePoints().mapToObj(Integer::toHexString).toList()
                                    + ": " + status + ", not the API's 400 for a forbidden character");
                        }
                    }
                }
                for (String value : HOSTILE) {
                    // Each field hostile in turn, and each path variable.
                    for (String field : fields) {
                        Map<String, String> form = new HashMap<>();
                        form.put(field, value);
                        send(staff, post, path, form, token, wrong);
                        calls++;
                    }
                    for (String variable : variables(pattern)) {
                        String hostilePath = pattern.replace("{partnerId}", partnerId).replace("{" + variable + "}",
                                URLEncoder.encode(value.isEmpty() ? "%20" : value, StandardCharsets.UTF_8)).replaceAll("\\{[^}]+}", "x1");
                        send(staff, post, hostilePath, Map.of(), token, wrong);
                        calls++;
                    }
                }
            }
        }
        assertThat(calls).as("hostile calls made").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    /** An amount typed in a console form is held to the API's decimal grammar (no exponent reaches arithmetic), then the API's rules. */
    @Test
    void aConsoleAmountObeysTheApisDecimalGrammar() throws Exception {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "dora", "10.00", "USD");
        ConsoleSession ops = ConsoleSession.signedIn(port, client.newAdminKey("Olga Ops", "ops")[1]);
        String adjust = "/console/wallets/" + partner[0] + "/dora/adjustments";
        for (String amount : List.of("1e2147483647", "1e3", "5,00", "0x10", "+5.00", "5." , "1".repeat(40))) {
            HttpResponse<String> reply = ops.act(adjust, "amount", amount, "currency", "USD", "reason", "hostile",
                    "idempotency_key", "hostile-" + amount.hashCode());
            assertThat(reply.statusCode()).as(amount).isEqualTo(400);
        }
        assertThat(eventCount(partner[0], "dora", "wallet.BalanceAdjustedEvent")).isZero();
        assertThat(ops.act(adjust, "amount", "2.50", "currency", "USD", "reason", "goodwill", "idempotency_key", "fine-1").statusCode())
                .isEqualTo(200);
        assertThat(eventCount(partner[0], "dora", "wallet.BalanceAdjustedEvent")).isEqualTo(1);
    }

    private static int status(ConsoleSession staff, boolean post, String path, Map<String, String> fields, String token) throws Exception {
        if (post) {
            Map<String, String> form = new HashMap<>(fields);
            form.put("_csrf", token);
            return staff.post(path, form).statusCode();
        }
        StringBuilder query = new StringBuilder();
        fields.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return staff.get(path + query).statusCode();
    }

    private static void send(ConsoleSession staff, boolean post, String path, Map<String, String> fields, String token,
                               List<String> wrong) throws Exception {
        HttpResponse<String> reply;
        if (post) {
            Map<String, String> form = new HashMap<>(fields);
            form.put("_csrf", token);
            reply = staff.post(path, form);
        } else {
            StringBuilder query = new StringBuilder();
            fields.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            reply = staff.get(path + query);
        }
        String call = (post ? "POST " : "GET ") + path + " " + fields.keySet();
        if (reply.statusCode() >= 500) {
            wrong.add(call + ": " + reply.statusCode() + " " + abbreviate(reply.body()));
        }
        if (reply.body() != null && reply.body().contains(MARKUP)) {
            wrong.add(call + ": echoes markup unescaped");
        }
    }

    private static List<String> fields(HandlerMethod method) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam field = parameter.getParameterAnnotation(RequestParam.class);
            if (field != null) {
                String name = field.name().isEmpty() ? field.value() : field.name();
                if (name.isEmpty()) {
                    parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                    name = parameter.getParameterName();
                }
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> variables(String pattern) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher found = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(pattern);
        while (found.find()) {
            names.add(found.group(1));
        }
        return names;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
