package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The requests of issue 9 as an attacker sent them, and keys sent ambiguously: each refused with
 * a problem document before anything is stored. Raw sockets, because Java's HTTP client will not
 * send a header twice.
 */
class KeyHeadersTest extends LedgerApiTest {

    private static final String NEW_PARTNER =
            "{\"name\":\"Evil\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"e@x.example\"}";

    @LocalServerPort
    private int port;

    @Test
    void aMatrixParameterDoesNotOpenTheAdminApi() {
        long partnersBefore = jdbc.queryForObject("SELECT count(*) FROM partner", Long.class);
        Reply reply = client.send("POST", "/admin;x/v1/partners", NEW_PARTNER);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("type")).endsWith("/rejected-request");
        String partnerId = client.newPartner()[0];
        Reply key = client.send("POST", "/admin;x/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":[\"wallet:write\"]}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM partner", Long.class)).isEqualTo(partnersBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE partner_id = ?", Long.class, partnerId)).isEqualTo(1);
    }

    @Test
    void aKeyHeaderSentTwiceIsRefusedNotGuessed() throws IOException {
        String[] partner = client.newPartner();
        String body = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"twice-1\"}";
        String twice = raw("POST /api/v1/wallets/tim/deposits", body, "X-API-Key: " + partner[1], "X-API-Key: " + partner[1]);
        assertThat(twice).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("/ambiguous-key");
        String both = raw("POST /api/v1/wallets/tim/deposits", body, "X-API-Key: " + partner[1], "X-Admin-Key: test-admin-key");
        assertThat(both).startsWith("HTTP/1.1 400").contains("/ambiguous-key");
        String admins = raw("GET /admin/v1/partners/" + partner[0], null, "X-Admin-Key: test-admin-key", "X-Admin-Key: wrong");
        assertThat(admins).startsWith("HTTP/1.1 400").contains("/ambiguous-key");
        assertThat(eventCount(partner[0], "tim")).isZero();
    }

    @Test
    void aHeaderWithAControlCharacterIsRefusedWhereverItIsRead() throws IOException {
        String[] partner = client.newPartner();
        String body = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"ua-1\"}";
        // A C1 control (U+0085) in a header the service reads only inside the handler (the user agent, for the audit metadata).
        String reply = rawBytes("POST /api/v1/wallets/ula/deposits", body, "X-API-Key: " + partner[1], "User-Agent: a\u0085b");
        assertThat(reply).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("/rejected-request");
        assertThat(eventCount(partner[0], "ula")).isZero();
    }

    private String raw(String requestLine, String body, String... headers) throws IOException {
        return send(StandardCharsets.US_ASCII, requestLine, body, headers);
    }

    /** Headers sent as ISO-8859-1 bytes, as HTTP/1.1 allows, so a character up to U+00FF is one byte on the wire. */
    private String rawBytes(String requestLine, String body, String... headers) throws IOException {
        return send(StandardCharsets.ISO_8859_1, requestLine, body, headers);
    }

    private String send(java.nio.charset.Charset charset, String requestLine, String body, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(charset));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
