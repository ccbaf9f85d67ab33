package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.core.admin.AdminRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * docs/security.md's tables of who may call what are the handlers' own rules: this test builds the
 * tables from the mapped handlers and fails, printing the right table, when the page differs.
 */
class SecurityDocTest extends LedgerApiTest {

    private static final Path SECURITY_MD = Path.of("..", "docs", "security.md");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Test
    void theRoleTablesAreTheHandlersRules() throws IOException {
        Map<String, String> admin = new TreeMap<>();
        Map<String, String> partner = new TreeMap<>();
        Map<String, String> console = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlers.getHandlerMethods().entrySet()) {
            PartnerAccess partnerRule = HandlerAccessInterceptor.rule(handler.getValue(), PartnerAccess.class);
            AdminAccess adminRule = HandlerAccessInterceptor.rule(handler.getValue(), AdminAccess.class);
            ConsoleAccess consoleRule = HandlerAccessInterceptor.rule(handler.getValue(), ConsoleAccess.class);
            for (String endpoint : endpoints(handler.getKey())) {
                if (consoleRule != null) {
                    console.put(endpoint, "`" + consoleRule.value() + "`");
                } else if (adminRule != null) {
                    admin.put(endpoint, Arrays.stream(adminRule.value()).map(AdminRole::wireName).map(role -> "`" + role + "`")
                            .collect(Collectors.joining(", ")));
                } else if (partnerRule != null) {
                    partner.put(endpoint, "`" + partnerRule.value().wireName() + "`");
                }
            }
        }
        String page = Files.readString(SECURITY_MD);
        assertThat(section(page, "<!-- admin-endpoints -->")).as("the admin table in docs/security.md").isEqualTo(table(admin, "roles accepted"));
        assertThat(section(page, "<!-- console-endpoints -->")).as("the console table in docs/security.md")
                .isEqualTo(table(console, "the rule of"));
        assertThat(section(page, "<!-- partner-endpoints -->")).as("the partner table in docs/security.md").isEqualTo(table(partner, "scope needed"));
    }

    private static List<String> endpoints(RequestMappingInfo info) {
        List<RequestMethod> methods = info.getMethodsCondition().getMethods().isEmpty()
                ? List.of(RequestMethod.GET) : List.copyOf(info.getMethodsCondition().getMethods());
        return info.getPatternValues().stream().flatMap(pattern -> methods.stream().map(method -> method + " " + pattern)).toList();
    }

    private static String table(Map<String, String> rules, String heading) {
        StringBuilder table = new StringBuilder("| endpoint | " + heading + " |\n|---|---|\n");
        rules.forEach((endpoint, rule) -> table.append("| `").append(endpoint).append("` | ").append(rule).append(" |\n"));
        return table.toString();
    }

    /** The table that follows the marker, up to the first blank line. */
    private static String section(String page, String marker) {
        int start = page.indexOf(marker);
        if (start < 0) {
            return "(no " + marker + " in docs/security.md)";
        }
        start = page.indexOf('\n', start) + 1;
        int end = page.indexOf("\n\n", start);
        return page.substring(start, end < 0 ? page.length() : end + 1);
    }
}
