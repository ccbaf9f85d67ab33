package io.chipledger.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Who may see and retry parked job items, and what the endpoints refuse. How items get parked and
 * released is WithdrawalExpiryTest's.
 */
class ParkedJobAdminTest extends LedgerApiTest {

    private static final String LIST = "/admin/v1/jobs/parked";
    private static final String RETRY = "/admin/v1/jobs/parked/withdrawal-expiry/retry";
    private static final String METRIC = "/actuator/metrics/chipledger.jobs.parked";
    private static final String HEALTH = "/actuator/health";

    @Test
    void supportStaffSeeParkedItemsButOnlyOpsOrSuperRetryThemAndPartnersNeither() {
        String support = client.newAdminKey("parked support", "support")[1];
        String ops = client.newAdminKey("parked ops", "ops")[1];
        String partnerKey = client.newPartner()[1];

        assertThat(client.send("GET", LIST, null, "X-Admin-Key", support).status()).isEqualTo(200);
        Reply supportRetry = client.send("POST", RETRY, null, "X-Admin-Key", support);
        assertThat(supportRetry.status()).isEqualTo(403);
        assertThat(supportRetry.text("type")).endsWith("/missing-role");
        assertThat(client.send("POST", RETRY, "{\"item_key\":\"p_0:nobody:w-1\"}", "X-Admin-Key", ops).status()).isEqualTo(202);
        assertThat(client.bootstrap("POST", RETRY, "{\"item_key\":\"p_0:nobody:w-1\"}").status()).isEqualTo(202);
        for (String method : new String[] {"GET", "POST"}) {
            String path = method.equals("GET") ? LIST : RETRY;
            Reply partner = client.send(method, path, null, "X-API-Key", partnerKey);
            assertThat(partner.status()).as(method).isEqualTo(403);
            assertThat(partner.text("type")).as(method).endsWith("/admin-only");
            assertThat(client.send(method, path, null).status()).as(method).isEqualTo(401);
        }
    }

    @Test
    void theParkedItemsMetricAndHealthDetailsAreForTheActuatorsRolesOnly() {
        String ops = client.newAdminKey("metric ops", "ops")[1];
        String support = client.newAdminKey("metric support", "support")[1];
        String partnerKey = client.newPartner()[1];
        Reply metric = client.send("GET", METRIC + "?tag=job:withdrawal-expiry", null, "X-Admin-Key", ops);
        assertThat(metric.status()).as(metric.raw()).isEqualTo(200);
        assertThat(metric.text("name")).isEqualTo("chipledger.jobs.parked");
        assertThat(metric.body().at("/measurements/0/value").isNumber()).isTrue();
        assertThat(client.send("GET", METRIC, null, "X-Admin-Key", support).status()).isEqualTo(403);
        Reply partner = client.send("GET", METRIC, null, "X-API-Key", partnerKey);
        assertThat(partner.status()).isEqualTo(403);
        assertThat(partner.text("type")).endsWith("/admin-only");
        assertThat(client.send("GET", METRIC, null).status()).isEqualTo(401);

        assertThat(client.send("GET", HEALTH, null, "X-Admin-Key", ops).body().at("/components/jobs/status").asText()).isIn("UP", "DEGRADED");
        for (String[] caller : new String[][] {{"X-Admin-Key", support}, {"X-API-Key", partnerKey}, {"X-Admin-Key", null}}) {
            Reply health = client.send("GET", HEALTH, null, caller);
            assertThat(health.status()).as(caller[0]).isEqualTo(200);
            assertThat(health.body().has("components")).as("components shown to " + caller[0]).isFalse();
        }
    }

    @Test
    void anUnknownJobIsNotFoundAndBadInputIsRefused() {
        Reply unknown = client.admin("POST", "/admin/v1/jobs/parked/payout-sweep/retry", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.text("type")).isEqualTo("https://chipledger.dev/problems/unknown-job");
        assertThat(unknown.text("detail")).contains("payout-sweep", "withdrawal-expiry");
        for (String query : new String[] {"limit=0", "limit=201", "cursor=withdrawal-expiry", "cursor=payout-sweep:a", "cursor=withdrawal-expiry:a%20b"}) {
            Reply refused = client.admin("GET", LIST + "?" + query, null);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.text("type")).as(query).isEqualTo("https://chipledger.dev/problems/invalid-request");
        }
        Reply badKey = client.admin("POST", RETRY, "{\"item_key\":\"" + "k".repeat(ParkedJobItems.ITEM_KEY_LENGTH_MAX + 1) + "\"}");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.text("field")).isEqualTo("item_key");
    }

}
