package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Keys: missing, wrong, revoked, expired, without the scope, of another partner, of a suspended partner. */
class ApiKeyAccessTest extends LedgerApiTest {

    private static final String DEPOSIT = "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"%s\"}";

    @Test
    void aRequestWithoutAKeyIsRefused() {
        Reply reply = client.send("POST", "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("type")).endsWith("/key-required");
    }

    @Test
    void aWrongKeyIsRefused() {
        String[] partner = client.newPartner();
        String tampered = partner[1].substring(0, partner[1].length() - 2) + (partner[1].endsWith("AA") ? "BB" : "AA");
        assertUnauthorized(client.post(tampered, "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")));
        assertUnauthorized(client.post("not-a-key", "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")));
        assertThat(eventCount(partner[0], "wes")).isZero();
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() throws Exception {
        String[] partner = client.newPartner();
        assertThat(client.post(partner[1], "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")).status()).isEqualTo(200);

        Reply revoked = client.admin("DELETE", "/admin/v1/partners/" + partner[0] + "/api-keys/" + partner[2], null);
        assertThat(revoked.status()).isEqualTo(204);

        assertUnauthorized(client.post(partner[1], "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d2")));
        assertThat(eventCount(partner[0], "wes")).isEqualTo(2);

        Reply again = client.admin("DELETE", "/admin/v1/partners/" + partner[0] + "/api-keys/" + partner[2], null);
        assertThat(again.status()).isEqualTo(409);

        String[] raced = client.newPartner();
        java.util.List<Integer> statuses = concurrently(8, () -> client.admin("DELETE",
                "/admin/v1/partners/" + raced[0] + "/api-keys/" + raced[2], null)).stream().map(Reply::status).sorted().toList();
        assertThat(statuses).as("one revocation wins, the others learn it is already revoked").containsExactly(204, 409, 409, 409, 409, 409, 409, 409);
        assertThat(client.admin("DELETE", "/admin/v1/partners/" + partner[0] + "/api-keys/k_0123456789abcdef", null).status()).isEqualTo(404);
        Reply malformed = client.admin("DELETE", "/admin/v1/partners/" + partner[0] + "/api-keys/" + "a".repeat(3000), null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("detail")).doesNotContain("a".repeat(65));
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        String[] partner = client.newPartner();
        Instant expiry = Instant.now().plusSeconds(1);
        Reply key = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/api-keys",
                "{\"scopes\":[\"wallet:write\"],\"expires_at\":\"" + expiry + "\"}");
        assertThat(key.status()).isEqualTo(201);
        Thread.sleep(1_200);
        assertUnauthorized(client.post(key.text("api_key"), "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")));
    }

    @Test
    void aKeyWithoutTheScopeIsForbidden() {
        String[] readOnly = client.newPartner("wallet:read");
        Reply reply = client.post(readOnly[1], "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1"));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("type")).endsWith("/missing-scope");
        assertThat(eventCount(readOnly[0], "wes")).isZero();

        String[] writeOnly = client.newPartner("wallet:write");
        client.deposit(writeOnly[1], "wes", "1.00", "USD");
        assertThat(client.get(writeOnly[1], "/api/v1/wallets/wes").status()).isEqualTo(403);
    }

    @Test
    void aPartnerCannotTouchAnotherPartnersPlayer() {
        String[] owner = client.newPartner();
        String[] other = client.newPartner();
        client.deposit(owner[1], "xena", "10.00", "USD");

        Reply bet = client.bet(other[1], "xena", "1.00", "USD", "steal-1");
        assertThat(bet.status()).isEqualTo(404);
        assertThat(bet.text("type")).endsWith("/unknown-wallet");
        assertThat(client.get(other[1], "/api/v1/wallets/xena").status()).isEqualTo(404);
        assertThat(eventCount(owner[0], "xena")).isEqualTo(2);
        assertThat(eventCount(other[0], "xena")).isZero();
    }

    @Test
    void aSuspendedPartnersKeysAreRefusedUntilItIsReactivated() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/suspend", "{\"reason\":\"unpaid invoice\"}");
        assertUnauthorized(client.post(partner[1], "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")));

        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/reactivate", "{\"reason\":\"paid\"}");
        assertThat(client.post(partner[1], "/api/v1/wallets/wes/deposits", DEPOSIT.formatted("d1")).status()).isEqualTo(200);
    }

    @Test
    void theAdminApiNeedsAnAdminKey() {
        Reply noKey = client.send("POST", "/admin/v1/partners", "{\"name\":\"x\"}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.text("type")).endsWith("/key-required");
        Reply wrong = client.send("POST", "/admin/v1/partners", "{\"name\":\"x\"}", "X-Admin-Key", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("type")).endsWith("/invalid-admin-key");
        Reply partnerKey = client.send("POST", "/admin/v1/partners", "{\"name\":\"x\"}", "X-API-Key", client.newPartner()[1]);
        assertThat(partnerKey.status()).isEqualTo(403);
        assertThat(partnerKey.text("type")).endsWith("/admin-only");
    }

    @Test
    void anIssuedKeyIsStoredOnlyAsPrefixAndHash() {
        String[] partner = client.newPartner();
        // The secret may itself contain '_', so split the key the way the service does.
        String secret = ApiKeys.parse(ApiKeys.Kind.PARTNER, partner[1]).secret();
        Long leaks = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, secret);
        Long stored = jdbc.queryForObject("SELECT count(*) FROM api_key WHERE secret_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                Long.class, secret);
        assertThat(leaks).isZero();
        assertThat(stored).isEqualTo(1);
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).endsWith("/invalid-api-key");
    }
}
