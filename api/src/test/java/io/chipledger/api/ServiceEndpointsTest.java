package io.chipledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** The operational endpoints a platform team relies on: the OpenAPI document, Swagger UI, health and readiness. */
class ServiceEndpointsTest extends LedgerApiTest {

    @Test
    void theOpenApiDocumentDescribesTheWalletApi() {
        Reply reply = client.send("GET", "/v3/api-docs", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("paths").has("/api/v1/wallets/{playerId}/bets")).isTrue();
        assertThat(reply.body().path("paths").has("/admin/v1/partners/{partnerId}/api-keys")).isTrue();
        assertThat(client.send("GET", "/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void healthAndReadinessAreUp() {
        assertThat(client.send("GET", "/actuator/health/readiness", null).text("status")).isEqualTo("UP");
        assertThat(client.send("GET", "/actuator/health/liveness", null).text("status")).isEqualTo("UP");
    }
}
