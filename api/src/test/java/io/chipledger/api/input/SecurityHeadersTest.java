package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries the security headers (issue 19, docs/security.md): a handler's, a refusal
 * of the security chain, a problem of the filters before it, Tomcat's own refusal of a malformed
 * request, and the documentation; the documentation's pages alone go without the content policy.
 */
class SecurityHeadersTest extends LedgerApiTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "cache-control", "no-cache, no-store, max-age=0, must-revalidate",
            "referrer-policy", "no-referrer",
            "content-security-policy", SecurityHeaders.CONTENT_SECURITY_POLICY);

    @Test
    void everyKindOfAnswerCarriesThem() {
        String[] partner = client.newPartner();
        String key = "X-API-Key: " + partner[1] + "\r\n";
        client.deposit(partner[1], "eve", "1.00", "USD");
        // The wallet read model follows the deposit a moment later.
        assertThat(LedgerClient.eventually(() -> client.get(partner[1], "/api/v1/wallets/eve"), reply -> reply.status() == 200).status())
                .isEqualTo(200);
        Map<String, String> requests = new LinkedHashMap<>(); // the status expected, what it is: the request
        requests.put("200 a handler's answer", "GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\n" + key);
        requests.put("404 a handler's problem", "GET /api/v1/players/nobody/segment HTTP/1.1\r\nHost: x\r\n" + key);
        requests.put("401 no key", "GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\n");
        requests.put("403 a partner key on staff's path", "GET /admin/v1/partners HTTP/1.1\r\nHost: x\r\n" + key);
        requests.put("406 an Accept nothing matches, refused before the security chain",
                "GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\n" + key);
        requests.put("400 a query string that does not decode, refused before the security chain",
                "GET /api/v1/wallets/eve/transactions?limit=%zz HTTP/1.1\r\nHost: x\r\n" + key);
        requests.put("400 Tomcat's refusal of a URI", "GET /api/v1/wallets/a{b HTTP/1.1\r\nHost: x\r\n");
        requests.put("200 the API document", "GET /v3/api-docs HTTP/1.1\r\nHost: x\r\n");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            Map<String, String> headers = headers(client.raw(request.getValue() + "Connection: close\r\n\r\n"));
            assertThat(headers).as(request.getKey()).containsAllEntriesOf(EXPECTED);
            assertThat(headers.get("status")).as(request.getKey()).contains(" " + request.getKey().substring(0, 3) + " ");
        }
        Map<String, String> docs = headers(client.raw("GET /swagger-ui/index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        assertThat(docs.get("status")).contains(" 200 ");
        assertThat(docs).as("the documentation's pages run their scripts").doesNotContainKey("content-security-policy")
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(headers(client.raw("GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\n" + key + "Connection: close\r\n\r\n")))
                .as("over plain HTTP there is no HSTS").doesNotContainKey("strict-transport-security");
    }

    /** The status line (key {@code status}) and the headers, names in lower case, of a whole answer. */
    private static Map<String, String> headers(String answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0)).split("\r\n");
        headers.put("status", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (EXPECTED.containsKey(name)) {
                assertThat(headers).as("%s sent once in: %s", name, answer).doesNotContainKey(name);
            }
            headers.putIfAbsent(name, lines[i].substring(colon + 1).trim());
        }
        return headers;
    }
}
