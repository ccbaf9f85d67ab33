package io.chipledger.api.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.partner.SettlementPolicy;
import io.chipledger.projections.partner.PartnerAccessProjection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's settlement policy (issue 11): single_win until ops change it, changed by an event
 * recorded only when the policy differs, read by the request path with the partner's key.
 */
class SettlementPolicyTest extends LedgerApiTest {

    private static final String CHANGED = "partner.SettlementPolicyChangedEvent";
    private static final String REGISTRATION =
            "{\"name\":\"Spin Ops\",\"type\":\"aggregator\",\"commission_rate\":\"0.05\",\"contact_email\":\"ops@spin.example\"%s}";

    @Autowired
    private PartnerAccessProjection partners;

    @Test
    void aPartnerSettlesSingleWinUntilOpsChangeItToMultiWin() {
        Reply registered = client.admin("POST", "/admin/v1/partners", REGISTRATION.formatted(""));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String partnerId = registered.text("partner_id");
        assertThat(registered.text("settlement_policy")).isEqualTo("single_win");
        assertThat(eventsOf(partnerId, CHANGED)).as("the default is no event").isZero();
        String prefix = keyPrefix(partnerId);
        assertThat(partners.keyByPrefix(prefix).orElseThrow().settlementPolicy()).isEqualTo(SettlementPolicy.SINGLE_WIN);

        String ops = client.newAdminKey("Olga Ops", "ops")[1];
        Reply changed = asAdmin(ops, "PATCH", "/admin/v1/partners/" + partnerId, "{\"settlement_policy\":\"multi_win\"}");
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.text("settlement_policy")).isEqualTo("multi_win");
        assertThat(changed.text("name")).as("the profile is untouched").isEqualTo("Spin Ops");
        assertThat(client.admin("GET", "/admin/v1/partners/" + partnerId, null).text("settlement_policy")).isEqualTo("multi_win");
        assertThat(listed(partnerId).path("settlement_policy").asText()).isEqualTo("multi_win");
        assertThat(partners.keyByPrefix(prefix).orElseThrow().settlementPolicy())
                .as("the next request's principal is built from this row").isEqualTo(SettlementPolicy.MULTI_WIN);
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(1);
        assertThat(eventsOf(partnerId, "partner.PartnerUpdatedEvent")).as("a policy alone is no profile update").isZero();

        Reply again = asAdmin(ops, "PATCH", "/admin/v1/partners/" + partnerId, "{\"settlement_policy\":\"multi_win\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("settlement_policy")).isEqualTo("multi_win");
        assertThat(eventsOf(partnerId, CHANGED)).as("the same policy again appends nothing").isEqualTo(1);

        Reply back = client.admin("PATCH", "/admin/v1/partners/" + partnerId,
                "{\"settlement_policy\":\"single_win\",\"name\":\"Spin Ops Ltd\"}");
        assertThat(back.text("settlement_policy")).isEqualTo("single_win");
        assertThat(back.text("name")).isEqualTo("Spin Ops Ltd");
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(2);
        assertThat(partners.keyByPrefix(prefix).orElseThrow().settlementPolicy()).isEqualTo(SettlementPolicy.SINGLE_WIN);
    }

    @Test
    void aPartnerRegisteredMultiWinSettlesMultiWinFromItsFirstRequest() {
        Reply registered = client.admin("POST", "/admin/v1/partners", REGISTRATION.formatted(",\"settlement_policy\":\"multi_win\""));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String partnerId = registered.text("partner_id");
        assertThat(registered.text("settlement_policy")).isEqualTo("multi_win");
        assertThat(eventsOf(partnerId, "partner.PartnerRegisteredEvent")).isEqualTo(1);
        assertThat(eventsOf(partnerId, CHANGED)).isEqualTo(1);
        assertThat(partners.keyByPrefix(keyPrefix(partnerId)).orElseThrow().settlementPolicy()).isEqualTo(SettlementPolicy.MULTI_WIN);

        Reply single = client.admin("POST", "/admin/v1/partners", REGISTRATION.formatted(",\"settlement_policy\":\"single_win\""));
        assertThat(single.text("settlement_policy")).isEqualTo("single_win");
        assertThat(eventsOf(single.text("partner_id"), CHANGED)).as("the default asked for is still no event").isZero();
    }

    @Test
    void anUnknownPolicyIsRefusedNamingTheAllowedValuesAndChangesNothing() {
        String partnerId = client.newPartner()[0];
        String path = "/admin/v1/partners/" + partnerId;
        for (String value : List.of("\"MULTI_WIN\"", "\"multi-win\"", "\"multiwin\"", "\"\"", "\" multi_win\"")) {
            Reply refused = client.admin("PATCH", path, "{\"name\":\"Renamed\",\"settlement_policy\":" + value + "}");
            assertThat(refused.status()).as(value + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("type")).endsWith("/invalid-request");
            assertThat(refused.text("field")).isEqualTo("settlement_policy");
            assertThat(refused.text("detail")).contains("single_win", "multi_win");
        }
        Reply notText = client.admin("PATCH", path, "{\"settlement_policy\":1}");
        assertThat(notText.status()).isEqualTo(400);
        assertThat(notText.text("type")).endsWith("/malformed-request");
        Reply nothing = client.admin("PATCH", path, "{\"settlement_policy\":null}");
        assertThat(nothing.status()).as("null names no field to change").isEqualTo(400);

        Reply unchanged = client.admin("GET", path, null);
        assertThat(unchanged.text("name")).isEqualTo("Test Ops");
        assertThat(unchanged.text("settlement_policy")).isEqualTo("single_win");
        assertThat(eventsOf(partnerId, CHANGED)).isZero();
        assertThat(eventsOf(partnerId, "partner.PartnerUpdatedEvent")).isZero();

        long partnersBefore = jdbc.queryForObject("SELECT count(*) FROM partner", Long.class);
        Reply registration = client.admin("POST", "/admin/v1/partners", REGISTRATION.formatted(",\"settlement_policy\":\"both\""));
        assertThat(registration.status()).isEqualTo(400);
        assertThat(registration.text("field")).isEqualTo("settlement_policy");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM partner", Long.class)).isEqualTo(partnersBefore);
    }

    @Test
    void aSupportKeyReadsThePolicyButCannotChangeIt() {
        String partnerId = client.newPartner()[0];
        String support = client.newAdminKey("Sam Support", "support")[1];
        Reply read = asAdmin(support, "GET", "/admin/v1/partners/" + partnerId, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("settlement_policy")).isEqualTo("single_win");

        Reply refused = asAdmin(support, "PATCH", "/admin/v1/partners/" + partnerId, "{\"settlement_policy\":\"multi_win\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).endsWith("/missing-role");
        assertThat(eventsOf(partnerId, CHANGED)).isZero();
        assertThat(client.admin("GET", "/admin/v1/partners/" + partnerId, null).text("settlement_policy")).isEqualTo("single_win");
    }

    private Reply asAdmin(String adminKey, String method, String path, String body) {
        return client.send(method, path, body, "X-Admin-Key", adminKey);
    }

    /** The prefix of a fresh key of the partner: what the request path looks the partner up by. */
    private String keyPrefix(String partnerId) {
        Reply issued = client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":[\"wallet:write\"]}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        Reply keys = client.admin("GET", "/admin/v1/partners/" + partnerId + "/api-keys", null);
        return keys.body().path(0).path("prefix").asText();
    }

    /** The partner as the listing pages show it. */
    private com.fasterxml.jackson.databind.JsonNode listed(String partnerId) {
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            Reply reply = client.admin("GET", "/admin/v1/partners?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), null);
            for (com.fasterxml.jackson.databind.JsonNode partner : reply.body().path("partners")) {
                if (partner.path("partner_id").asText().equals(partnerId)) {
                    return partner;
                }
            }
            cursor = reply.text("next_cursor");
            if (cursor == null) {
                break;
            }
        }
        throw new AssertionError("partner " + partnerId + " is not listed");
    }
}
