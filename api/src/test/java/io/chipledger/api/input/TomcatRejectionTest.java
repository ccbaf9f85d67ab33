package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests Tomcat refuses before Spring sees them still get a short problem document, never Tomcat's HTML page. */
class TomcatRejectionTest extends LedgerApiTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /api/v1/wallets/a{b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/wallets/a\"b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/wallets/%00/transactions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/wallets/%2e%2e/%2e%2e/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n"})
    void aRequestTomcatRefusesIsAProblemDocument(String request) {
        assertProblem(client.raw(request));
    }

    @Test
    void headersOverTheLimitAreAProblemDocument() {
        assertProblem(client.raw("GET /api/v1/wallets/eve HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"));
    }

    /**
     * The request line and headers are read up to 8 KiB exactly (server.max-http-request-header-size,
     * docs/security.md "Limits"), the blank line that ends them included; one byte more is a problem document.
     */
    @Test
    void theHeaderSectionIsReadUpTo8KiBAndOneBytePastIsRefused() {
        assertThat(client.raw(headerSectionOf(8192))).startsWith("HTTP/1.1 200 ");
        String onePast = client.raw(headerSectionOf(8193));
        assertThat(onePast).startsWith("HTTP/1.1 400 ");
        assertProblem(onePast);
    }

    /** A public request whose line and headers, up to the blank line, are {@code bytes} long. */
    private static String headerSectionOf(int bytes) {
        String head = "GET /actuator/health/liveness HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Padding: ";
        String end = "\r\n\r\n";
        return head + "p".repeat(bytes - head.length() - end.length()) + end;
    }

    private static void assertProblem(String response) {
        int bodyStart = response.indexOf("\r\n\r\n");
        String head = response.substring(0, Math.max(bodyStart, 0));
        String body = bodyStart < 0 ? "" : response.substring(bodyStart + 4);
        assertThat(head).as(response).matches("(?s)HTTP/1\\.1 [45]\\d\\d .*");
        assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(body).contains("\"type\":\"https://chipledger.dev/problems/").doesNotContain("<html", "Tomcat", "java.", "Exception");
        assertThat(body.length()).isLessThan(1_000);
    }
}
