package io.chipledger.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A service without ClickHouse keeps no reports and says so: 503 {@code analytics-off}, not an
 * empty report that looks like a partner without revenue; the wallet works as ever. Its own
 * context (closed after), as a node started without CHIPLEDGER_CLICKHOUSE_URL, and with
 * {@code chipledger.kafka.embedded=false} and no Kafka configured: it publishes nothing and says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chipledger.clickhouse.url=", "chipledger.kafka.embedded=false"})
@ActiveProfiles("test")
@DirtiesContext
class AnalyticsOffTest {

    @LocalServerPort
    private int port;

    @Test
    void reportsAnswer503AnalyticsOffAndTheWalletWorks() {
        LedgerClient client = new LedgerClient(port);
        String[] partner = client.newPartner("wallet:read", "wallet:write", "reports:read");

        Reply deposit = client.deposit(partner[1], "nora", "10.00", "USD");
        Reply report = client.get(partner[1], "/api/v1/reports/ggr?from=2026-11-01&to=2026-12-01");
        Reply staffReport = client.admin("GET", "/admin/v1/reports/ggr?from=2026-11-01&to=2026-12-01", null);
        Reply health = client.admin("GET", "/actuator/health", null);
        Reply statement = client.admin("POST", "/admin/v1/settlements", "{\"partner_id\":\"" + partner[0] + "\",\"from\":\"2026-01-01\","
                + "\"to\":\"2026-02-01\"}");

        assertThat(deposit.status()).isEqualTo(200);
        assertThat(report.status()).isEqualTo(503);
        assertThat(report.text("type")).endsWith("/analytics-off");
        assertThat(report.text("detail")).contains("CHIPLEDGER_CLICKHOUSE_URL");
        assertThat(staffReport.text("type")).endsWith("/analytics-off");
        assertThat(statement.status()).as("no statement from figures the service does not keep").isEqualTo(503);
        assertThat(statement.text("type")).endsWith("/analytics-off");
        Reply campaignStats = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/campaigns/cmp_0000000000000000/stats", null);
        assertThat(campaignStats.status()).as("no campaign conversion without ClickHouse").isEqualTo(503);
        assertThat(campaignStats.text("type")).endsWith("/analytics-off");
        assertThat(health.body().path("components").path("analytics").path("details").path("analytics").asText()).startsWith("off");
        assertThat(client.admin("GET", "/admin/v1/projections", null).body().findValuesAsText("name"))
                .doesNotContain("clickhouse-sink", "kafka-publisher");
        assertThat(health.body().path("components").path("kafka").path("details").path("kafka").asText()).startsWith("off");
        assertThat(client.admin("POST", "/admin/v1/projections/kafka-publisher/resend", null).status()).isEqualTo(404);
    }
}
