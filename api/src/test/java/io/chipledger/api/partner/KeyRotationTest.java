package io.chipledger.api.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rotation issues a successor with the same scopes; the old key works through the overlap, then is refused as expired. */
class KeyRotationTest extends LedgerApiTest {

    private String partnerId;
    private String oldKey;
    private String oldKeyId;

    @BeforeEach
    void newPartner() {
        String[] partner = client.newPartner("wallet:read");
        partnerId = partner[0];
        oldKey = partner[1];
        oldKeyId = partner[2];
    }

    @Test
    void bothKeysWorkThroughTheOverlapThenOnlyTheNewOne() {
        Instant overlapEnd = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Reply rotated = rotate(oldKeyId, "{\"old_key_expires_at\":\"" + overlapEnd + "\"}");
        assertThat(rotated.status()).isEqualTo(201);
        String newKey = rotated.text("api_key");
        assertThat(rotated.body().get("scopes").toString()).isEqualTo("[\"wallet:read\"]");
        assertThat(rotated.text("replaced_key_id")).isEqualTo(oldKeyId);

        assertThat(client.get(oldKey, "/api/v1/wallets/nobody").status()).isEqualTo(404);
        assertThat(client.get(newKey, "/api/v1/wallets/nobody").status()).isEqualTo(404);
        assertThat(client.post(newKey, "/api/v1/wallets/nobody/deposits", "{}").status()).as("the same scopes, no more").isEqualTo(403);

        Reply listed = client.admin("GET", "/admin/v1/partners/" + partnerId + "/api-keys", null);
        assertThat(listed.body().get(0).get("replaced_by").asText()).isEqualTo(rotated.text("key_id"));
        assertThat(Instant.parse(listed.body().get(0).get("expires_at").asText())).isEqualTo(overlapEnd);

        Reply afterOverlap = LedgerClient.eventually(() -> client.get(oldKey, "/api/v1/wallets/nobody"), reply -> reply.status() == 401);
        assertThat(afterOverlap.status()).isEqualTo(401);
        assertThat(afterOverlap.text("detail")).contains("expired");
        assertThat(client.get(newKey, "/api/v1/wallets/nobody").status()).isEqualTo(404);
        assertThat(eventsOf(partnerId, "partner.ApiKeyRotatedEvent")).isEqualTo(1);
    }

    @Test
    void aKeyIsRotatedOnceAndOnlyWhileLive() {
        String end = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThat(rotate(oldKeyId, "{\"old_key_expires_at\":\"" + end + "\"}").status()).isEqualTo(201);
        Reply again = rotate(oldKeyId, "{\"old_key_expires_at\":\"" + end + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("already rotated");

        assertThat(client.admin("DELETE", "/admin/v1/partners/" + partnerId + "/api-keys/" + oldKeyId, null).status()).isEqualTo(204);
        assertThat(rotate(oldKeyId, "{\"old_key_expires_at\":\"" + end + "\"}").status()).as("a revoked key is not live").isEqualTo(404);
        assertThat(rotate("k_0000000000000000", "{\"old_key_expires_at\":\"" + end + "\"}").status()).isEqualTo(404);
        assertThat(eventsOf(partnerId, "partner.ApiKeyRotatedEvent")).isEqualTo(1);
    }

    @Test
    void anOverlapEndsInTheNextThirtyDaysAndNeverAfterTheOldKeysOwnExpiry() {
        long keysBefore = eventsOf(partnerId, "partner.ApiKeyIssuedEvent");
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
        Map<String, String> refusedIn = Map.of(
                "{}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"\"}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"2020-01-01T00:00:00Z\"}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"" + Instant.now() + "\"}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"" + Instant.now().plus(Duration.ofDays(31)) + "\"}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"tomorrow\"}", "old_key_expires_at",
                "{\"old_key_expires_at\":\"" + tomorrow + "\",\"expires_at\":\"2020-01-01T00:00:00Z\"}", "expires_at");
        refusedIn.forEach((body, field) -> {
            Reply refused = rotate(oldKeyId, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.text("type")).endsWith("/invalid-request");
            assertThat(refused.text("field")).as(body).isEqualTo(field);
            assertThat(refused.text("detail")).as(body).startsWith(field);
        });
        assertThat(rotate("k_1", "{\"old_key_expires_at\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}").status()).isEqualTo(400);

        Instant ownExpiry = Instant.now().plus(Duration.ofDays(2));
        Reply shortLived = client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys",
                "{\"scopes\":[\"wallet:read\"],\"expires_at\":\"" + ownExpiry + "\"}");
        Reply tooLong = rotate(shortLived.text("key_id"), "{\"old_key_expires_at\":\"" + ownExpiry.plus(Duration.ofDays(1)) + "\"}");
        assertThat(tooLong.status()).isEqualTo(409);
        assertThat(eventsOf(partnerId, "partner.ApiKeyIssuedEvent")).as("only the short-lived key was issued").isEqualTo(keysBefore + 1);
    }

    private Reply rotate(String keyId, String body) {
        return client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys/" + keyId + "/rotate", body);
    }
}
