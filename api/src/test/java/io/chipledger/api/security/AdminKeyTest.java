package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admin keys are people: issued by a super with roles, refused outside their roles, revoked and expired like partner keys. */
class AdminKeyTest extends LedgerApiTest {

    private static final String ADJUSTMENT = "{\"amount\":\"%s\",\"currency\":\"USD\",\"reason\":\"goodwill\",\"transaction_id_partner\":\"%s\"}";

    @Test
    void anOpsKeyMovesMoneyASupportKeyOnlyReadsAndNeitherManagesKeys() {
        String[] partner = client.newPartner();
        String partnerId = partner[0];
        client.deposit(partner[1], "ann", "1.00", "USD");
        String ops = client.newAdminKey("Olga Ops", "ops")[1];
        String support = client.newAdminKey("Sam Support", "support")[1];
        String adjustments = "/admin/v1/partners/" + partnerId + "/wallets/ann/adjustments";

        assertThat(asAdmin(ops, "POST", adjustments, ADJUSTMENT.formatted("5.00", "adj-1")).status()).isEqualTo(200);
        Reply refused = asAdmin(support, "POST", adjustments, ADJUSTMENT.formatted("5.00", "adj-2"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).endsWith("/missing-role");
        assertThat(refused.body().path("required").toString()).isEqualTo("[\"ops\"]");
        assertThat(eventCount(partnerId, "ann", "wallet.BalanceAdjustedEvent")).isEqualTo(1);

        assertThat(asAdmin(support, "GET", "/admin/v1/partners/" + partnerId + "/system-accounts", null).status()).isEqualTo(200);
        assertThat(asAdmin(support, "GET", "/admin/v1/partners/" + partnerId, null).status()).isEqualTo(200);
        assertThat(asAdmin(ops, "POST", "/admin/v1/admin-keys", "{\"name\":\"Eve\",\"roles\":[\"super\"]}").status()).isEqualTo(403);
        assertThat(asAdmin(support, "GET", "/admin/v1/admin-keys", null).status()).isEqualTo(403);
    }

    @Test
    void theSecretIsShownOnceAndStoredOnlyAsPrefixAndHash() {
        Reply issued = client.bootstrap("POST", "/admin/v1/admin-keys", "{\"name\":\"Ada Auditor\",\"roles\":[\"auditor\",\"support\"]}");
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.text("key_id");
        String secret = ApiKeys.parse(ApiKeys.Kind.ADMIN, issued.text("admin_key")).secret();
        assertThat(issued.body().path("roles").toString()).isEqualTo("[\"auditor\",\"support\"]");

        Reply listed = client.bootstrap("GET", "/admin/v1/admin-keys/" + keyId, null);
        assertThat(listed.text("name")).isEqualTo("Ada Auditor");
        assertThat(listed.text("issued_by")).isEqualTo("admin-key:bootstrap");
        assertThat(listed.raw()).doesNotContain(secret).doesNotContain("hash");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, secret)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM admin_key WHERE secret_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                Long.class, secret)).isEqualTo(1);
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() {
        String[] ops = client.newAdminKey("Otto Ops", "ops");
        assertThat(asAdmin(ops[1], "GET", "/admin/v1/projections", null).status()).isEqualTo(200);

        assertThat(client.bootstrap("DELETE", "/admin/v1/admin-keys/" + ops[0], null).status()).isEqualTo(204);
        Reply refused = asAdmin(ops[1], "GET", "/admin/v1/projections", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("type")).endsWith("/invalid-admin-key");

        assertThat(client.bootstrap("DELETE", "/admin/v1/admin-keys/" + ops[0], null).status()).isEqualTo(409);
        Reply unknown = client.bootstrap("DELETE", "/admin/v1/admin-keys/ak_0123456789abcdef", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).endsWith("/unknown-admin-key");
        Reply listed = client.bootstrap("GET", "/admin/v1/admin-keys/" + ops[0], null);
        assertThat(listed.text("revoked_by")).isEqualTo("admin-key:bootstrap");
    }

    @Test
    void anExpiredKeyIsRefusedAndAnEmptyExpiryNeverExpires() {
        Reply issued = client.bootstrap("POST", "/admin/v1/admin-keys",
                "{\"name\":\"Temp Ops\",\"roles\":[\"ops\"],\"expires_at\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.text("admin_key");
        assertThat(asAdmin(key, "GET", "/admin/v1/projections", null).status()).isEqualTo(200);
        // An hour passes: the stored expiry is moved into the past rather than waiting.
        jdbc.update("UPDATE admin_key SET expires_at = now() - interval '1 second' WHERE key_id = ?", issued.text("key_id"));
        assertThat(asAdmin(key, "GET", "/admin/v1/projections", null).status()).isEqualTo(401);

        Reply never = client.bootstrap("POST", "/admin/v1/admin-keys", "{\"name\":\"Perm Ops\",\"roles\":[\"ops\"],\"expires_at\":\"\"}");
        assertThat(never.status()).isEqualTo(201);
        assertThat(never.body().has("expires_at")).isFalse();
        for (String far : List.of("+999999999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2001-01-01T00:00:00Z", "tomorrow")) {
            Reply refused = client.bootstrap("POST", "/admin/v1/admin-keys", "{\"name\":\"Far\",\"roles\":[\"ops\"],\"expires_at\":\"" + far + "\"}");
            assertThat(refused.status()).as(far).isEqualTo(400);
        }
    }

    @Test
    void aKeyNeedsANameAndKnownRoles() {
        for (String body : List.of("{\"roles\":[\"ops\"]}", "{\"name\":\"x\",\"roles\":[]}", "{\"name\":\"x\",\"roles\":[\"root\"]}",
                "{\"name\":\"line\\nbreak\",\"roles\":[\"ops\"]}", "{\"name\":\"" + "n".repeat(101) + "\",\"roles\":[\"ops\"]}")) {
            Reply refused = client.bootstrap("POST", "/admin/v1/admin-keys", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void theActingKeyIsInTheMetadataOfEveryEventItCauses() {
        String[] superKey = client.newAdminKey("Sue Super", "super");
        String[] ops = client.newAdminKey("Oren Ops", "ops");
        Reply partner = asAdmin(superKey[1], "POST", "/admin/v1/partners",
                "{\"name\":\"Audited Ops\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"a@x.example\"}");
        String partnerId = partner.text("partner_id");
        Reply apiKey = asAdmin(superKey[1], "POST", "/admin/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":[\"wallet:write\"]}");
        asAdmin(ops[1], "POST", "/admin/v1/partners/" + partnerId + "/suspend", "{\"reason\":\"review\"}");
        asAdmin(ops[1], "POST", "/admin/v1/partners/" + partnerId + "/reactivate", "{\"reason\":\"cleared\"}");
        asAdmin(ops[1], "POST", "/admin/v1/partners/" + partnerId + "/wallets/gus/token-grants",
                "{\"token_type\":\"CC_COIN\",\"amount\":\"5\",\"reason\":\"welcome\",\"transaction_id_partner\":\"g-1\"}");
        client.deposit(apiKey.text("api_key"), "gus", "1.00", "USD");
        asAdmin(superKey[1], "POST", "/admin/v1/partners/" + partnerId + "/receipt-keys", null);

        assertThat(actors(partnerId)).containsExactly(
                "partner.PartnerRegisteredEvent admin-key:" + superKey[0],
                "partner.ApiKeyIssuedEvent admin-key:" + superKey[0],
                "partner.PartnerSuspendedEvent admin-key:" + ops[0],
                "partner.PartnerReactivatedEvent admin-key:" + ops[0]);
        assertThat(actors(partnerId + ":gus")).containsExactly(
                "wallet.WalletOpenedEvent admin-key:" + ops[0],
                "wallet.TokensGrantedEvent admin-key:" + ops[0],
                "wallet.FundsDepositedEvent api-key:" + apiKey.text("key_id"));
        assertThat(actors(superKey[0])).containsExactly("admin.AdminKeyIssuedEvent admin-key:bootstrap");
        assertThat(jdbc.queryForList("SELECT issued_by FROM receipt_signing_key WHERE partner_id = ?", String.class, partnerId))
                .as("the key made at registration and the one issued after").containsExactly("admin-key:" + superKey[0],
                        "admin-key:" + superKey[0]);
    }

    private List<String> actors(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type || ' ' || (convert_from(meta_data, 'UTF8')::jsonb ->> 'actor') "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, aggregateId);
    }

    private Reply asAdmin(String key, String method, String path, String body) {
        return client.send(method, path, body, "X-Admin-Key", key);
    }
}
