package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two partners with a player of the same name never see each other's wallet, history, plays,
 * purchases or activity: a partner's key names its own players only.
 */
class PartnerIsolationTest extends LedgerApiTest {

    @Test
    void aPartnerReadsItsOwnPlayerEvenWhenAnotherPartnerHasOneOfTheSameName() {
        String[] owner = client.newPartner();
        String[] other = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + owner[0] + "/receipt-keys", null);
        Reply deposit = client.deposit(owner[1], "bob", "20.00", "USD");
        client.grantTokens(owner[0], "bob", "DICE_TOKEN", "3", "iso-grant");
        assertThat(client.post(owner[1], "/api/v1/wallets/bob/plays", "{\"game\":\"DICE\",\"config_id\":\"dice-7\","
                + "\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"},\"transaction_id_partner\":\"iso-play\"}").status()).isEqualTo(200);
        assertThat(client.post(owner[1], "/api/v1/wallets/bob/purchases", "{\"sku\":\"gems-10\",\"quantity\":1,\"price\":{\"asset\":\"USD\","
                + "\"amount\":\"1.00\"},\"transaction_id_partner\":\"iso-buy\"}").status()).isEqualTo(200);
        assertThat(client.post(owner[1], "/api/v1/players/bob/activities",
                "{\"event_id\":\"3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1c3b\",\"event_type\":\"LOGIN\"}").status()).isIn(200, 201);
        long position = deposit.body().path("position").asLong();

        for (String path : List.of("/api/v1/wallets/bob", "/api/v1/wallets/bob/transactions", "/api/v1/wallets/bob/plays",
                "/api/v1/wallets/bob/purchases", "/api/v1/players/bob/activity")) {
            Reply own = client.get(owner[1], path + "?consistent_with=" + position);
            assertThat(own.status()).as(path).isEqualTo(200);
            Reply foreign = client.get(other[1], path);
            assertThat(foreign.status()).as(path).isIn(200, 404);
            assertThat(foreign.raw()).as(path).doesNotContain("iso-").doesNotContain("20.00").doesNotContain(owner[0]);
        }
        Reply bet = client.bet(other[1], "bob", "1.00", "USD", "iso-bet");
        assertThat(bet.status()).isEqualTo(404);
        assertThat(eventCount(owner[0], "bob", "wallet.BetPlacedEvent")).isZero();
    }
}
