package io.chipledger.api.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** Operators' staff register, update and suspend partners; bad input and unknown partners are problem documents. */
class PartnerAdminTest extends LedgerApiTest {

    @Test
    void aPartnerIsRegisteredUpdatedAndSuspended() {
        Reply registered = client.admin("POST", "/admin/v1/partners",
                "{\"name\":\"Lucky Ops\",\"type\":\"aggregator\",\"commission_rate\":\"0.0525\",\"contact_email\":\"ops@lucky.example\"}");
        assertThat(registered.status()).isEqualTo(201);
        String partnerId = registered.text("partner_id");
        assertThat(registered.text("type")).isEqualTo("aggregator");
        assertThat(new java.math.BigDecimal(registered.text("commission_rate"))).isEqualByComparingTo("0.0525");

        Reply updated = client.admin("PATCH", "/admin/v1/partners/" + partnerId, "{\"commission_rate\":\"0.06\"}");
        assertThat(new java.math.BigDecimal(updated.text("commission_rate"))).isEqualByComparingTo("0.06");
        assertThat(updated.text("name")).isEqualTo("Lucky Ops");

        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partnerId, "{\"commission_rate\":\"0.06\"}").status()).isEqualTo(200);
        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partnerId, "{}").status()).isEqualTo(400);
        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partnerId, "{\"type\":\"affiliate\",\"name\":\"X\"}").status()).isEqualTo(400);
        assertThat(eventsOf(partnerId, "partner.PartnerUpdatedEvent")).as("a repeated or empty update records nothing").isEqualTo(1);

        Reply suspended = client.admin("POST", "/admin/v1/partners/" + partnerId + "/suspend", "{\"reason\":\"unpaid\"}");
        assertThat(suspended.text("status")).isEqualTo("suspended");
        Reply again = client.admin("POST", "/admin/v1/partners/" + partnerId + "/suspend", "{\"reason\":\"unpaid\"}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void partnersAreListedAPageAtATimeUntilNoneAreLeft() {
        for (int i = 0; i < 3; i++) {
            client.newPartner();
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = client.admin("GET", "/admin/v1/partners?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("partners").size()).isBetween(1, 2);
            page.body().path("partners").forEach(partner -> assertThat(seen.add(partner.path("partner_id").asText())).isTrue());
            cursor = page.text("next_cursor");
            pages++;
        } while (cursor != null && pages < 10_000);
        assertThat(seen).hasSize(jdbc.queryForObject("SELECT count(*) FROM partner", Integer.class));
        assertThat(client.admin("GET", "/admin/v1/partners?limit=0", null).status()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/partners?limit=201", null).status()).isEqualTo(400);
    }

    @Test
    void anUnknownPartnerIsNotFound() {
        Reply read = client.admin("GET", "/admin/v1/partners/p_never", null);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.text("type")).endsWith("/unknown-partner");
        Reply suspend = client.admin("POST", "/admin/v1/partners/p_never/suspend", "{\"reason\":\"x\"}");
        assertThat(suspend.status()).isEqualTo(404);
        assertThat(suspend.text("type")).endsWith("/unknown-partner");
        Reply key = client.admin("POST", "/admin/v1/partners/p_never/api-keys", "{\"scopes\":[\"wallet:read\"]}");
        assertThat(key.status()).isEqualTo(404);
    }

    @Test
    void badPartnerInputIsRefused() {
        String valid = "\"name\":\"Ops\",\"contact_email\":\"ops@x.example\"";
        assertInvalid(client.admin("POST", "/admin/v1/partners", "{" + valid + ",\"type\":\"casino\",\"commission_rate\":\"0.05\"}"), "type");
        assertInvalid(client.admin("POST", "/admin/v1/partners", "{" + valid + ",\"type\":\"operator\",\"commission_rate\":\"1.5\"}"),
                "commission_rate");
        assertInvalid(client.admin("POST", "/admin/v1/partners", "{" + valid + ",\"type\":\"operator\",\"commission_rate\":\"0.00001\"}"),
                "commission_rate");
        assertInvalid(client.admin("POST", "/admin/v1/partners",
                "{\"name\":\"Ops\",\"contact_email\":\"not-mail\",\"type\":\"operator\",\"commission_rate\":\"0.05\"}"), "contact_email");
        String partnerId = client.newPartner()[0];
        assertInvalid(client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":[\"wallet:everything\"]}"), "scopes");
        assertInvalid(client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys",
                "{\"scopes\":[\"wallet:read\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}"), "expires_at");
    }

    @Test
    void aKeyExpiresWithinTenYearsOrNever() {
        String partnerId = client.newPartner()[0];
        String keys = "/admin/v1/partners/" + partnerId + "/api-keys";
        Reply never = client.admin("POST", keys, "{\"scopes\":[\"wallet:read\"],\"expires_at\":\"\"}");
        assertThat(never.status()).as(never.raw()).isEqualTo(201);
        assertThat(never.body().has("expires_at")).as("an empty expires_at is a key that never expires").isFalse();
        String inTwentyYears = java.time.Instant.now().plus(java.time.Duration.ofDays(20 * 366)).toString();
        assertInvalid(client.admin("POST", keys, "{\"scopes\":[\"wallet:read\"],\"expires_at\":\"" + inTwentyYears + "\"}"), "expires_at");
        assertInvalid(client.admin("POST", keys, "{\"scopes\":[\"wallet:read\"],\"expires_at\":\"+999999999-12-31T23:59:59Z\"}"),
                "expires_at");
    }

    private static void assertInvalid(Reply reply, String field) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.text("type")).endsWith("/invalid-request");
        assertThat(reply.text("field")).isEqualTo(field);
    }
}
