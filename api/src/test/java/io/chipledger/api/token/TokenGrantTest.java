package io.chipledger.api.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** Admin grants and revocations of game tokens against the promo account, one at a time and in bulk. */
class TokenGrantTest extends LedgerApiTest {

    @Test
    void grantsAndRevocationsMoveTokensBetweenThePlayerAndThePromoAccount() {
        String[] partner = client.newPartner();
        Reply granted = client.grantTokens(partner[0], "gina", "ROULETTE_COIN", "100", "grant-1");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.text("balance")).isEqualTo("100");

        Reply revoked = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/gina/token-revocations",
                "{\"token_type\":\"ROULETTE_COIN\",\"amount\":\"30\",\"reason\":\"abuse\",\"transaction_id_partner\":\"revoke-1\"}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("balance")).isEqualTo("70");

        Reply promo = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null),
                reply -> reply.body().size() == 1 && reply.body().get(0).path("balance").asText().equals("-70"));
        assertThat(promo.body().get(0).path("account").asText()).isEqualTo("system:promo");
        assertThat(promo.body().get(0).path("balance").asText()).isEqualTo("-70");
    }

    @Test
    void aRevocationNeverTakesABalanceBelowZero() {
        String[] partner = client.newPartner();
        client.grantTokens(partner[0], "hal", "DICE_TOKEN", "5", "grant-1");

        Reply refused = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/hal/token-revocations",
                "{\"token_type\":\"DICE_TOKEN\",\"amount\":\"6\",\"reason\":\"abuse\",\"transaction_id_partner\":\"revoke-1\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).endsWith("/insufficient-funds");
        assertThat(eventCount(partner[0], "hal", "wallet.TokensRevokedEvent")).isZero();
    }

    @Test
    void aRetriedGrantPostsOnce() {
        String[] partner = client.newPartner();
        Reply first = client.grantTokens(partner[0], "ida", "CC_COIN", "10", "grant-1");
        Reply retry = client.grantTokens(partner[0], "ida", "CC_COIN", "10", "grant-1");

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(eventCount(partner[0], "ida", "wallet.TokensGrantedEvent")).isEqualTo(1);
    }

    @Test
    void aPartnerKeyCannotGrantAndAnUnknownPartnerGetsNothing() {
        String[] partner = client.newPartner("wallet:read", "wallet:write");
        Reply withPartnerKey = client.send("POST", "/admin/v1/partners/" + partner[0] + "/wallets/jo/token-grants",
                "{\"token_type\":\"CC_COIN\",\"amount\":\"10\",\"reason\":\"x\",\"transaction_id_partner\":\"g-1\"}", "X-API-Key", partner[1]);
        Reply unknownPartner = client.grantTokens("no-such-partner", "jo", "CC_COIN", "10", "g-1");

        assertThat(withPartnerKey.status()).isEqualTo(403);
        assertThat(withPartnerKey.text("type")).endsWith("/admin-only");
        assertThat(unknownPartner.status()).isEqualTo(404);
        assertThat(unknownPartner.text("type")).endsWith("/unknown-partner");
        assertThat(eventCount(partner[0], "jo")).isZero();
        assertThat(eventCount("no-such-partner", "jo")).isZero();
    }

    @Test
    void aBulkGrantGrantsEveryPlayerOnceUnderOneKey() {
        String[] partner = client.newPartner();
        String body = "{\"token_type\":\"LOTTERY_TICKET\",\"reason\":\"campaign\",\"label\":\"autumn\",\"transaction_id_partner\":\"bulk-1\","
                + "\"grants\":[{\"player_id\":\"kai\",\"amount\":\"1\"},{\"player_id\":\"lou\",\"amount\":\"2\"},"
                + "{\"player_id\":\"max\",\"amount\":\"3\"}]}";

        Reply first = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/token-grants/bulk", body);
        Reply retry = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/token-grants/bulk", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("grants")).hasSize(3);
        assertThat(first.body().path("grants").get(2).path("player_id").asText()).isEqualTo("max");
        assertThat(first.body().path("grants").get(2).path("balance").asText()).isEqualTo("3");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        for (String player : new String[] {"kai", "lou", "max"}) {
            assertThat(eventCount(partner[0], player, "wallet.TokensGrantedEvent")).isEqualTo(1);
        }
    }

    @Test
    void aBadAmountInABulkGrantNamesItsGrantAndPlayerAndGrantsNobody() {
        String[] partner = client.newPartner();
        String body = "{\"token_type\":\"LOTTERY_TICKET\",\"reason\":\"campaign\",\"transaction_id_partner\":\"bulk-bad\","
                + "\"grants\":[{\"player_id\":\"ann\",\"amount\":\"1\"},{\"player_id\":\"bob\",\"amount\":\"0\"}]}";
        Reply refused = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/token-grants/bulk", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/invalid-amount");
        assertThat(refused.text("detail")).startsWith("grants[1] (player bob): ");
        assertThat(eventCount(partner[0], "ann")).isZero();
    }
}
