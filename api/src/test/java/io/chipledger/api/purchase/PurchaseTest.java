package io.chipledger.api.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Purchases debit the price to the shop account and answer a receipt the partner can verify offline. */
class PurchaseTest extends LedgerApiTest {

    private static final String GEM_PACK = "{\"sku\":\"gem-pack\",\"quantity\":3,\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"30\"},"
            + "\"transaction_id_partner\":\"%s\"}";

    @Test
    void aPurchaseDebitsThePriceAndItsReceiptVerifiesWithTheDocumentedCanonicalForm() throws Exception {
        String[] partner = client.newPartner();
        String secret = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null).text("secret_hex");
        client.grantTokens(partner[0], "uma", "CC_COIN", "100", "grant-1");

        Reply bought = client.post(partner[1], "/api/v1/wallets/uma/purchases", GEM_PACK.formatted("buy-1"));

        assertThat(bought.status()).isEqualTo(200);
        assertThat(bought.text("balance")).isEqualTo("70");
        JsonNode receipt = bought.body().path("receipt");
        assertThat(receipt.path("sku").asText()).isEqualTo("gem-pack");
        assertThat(receipt.path("amount").asText()).isEqualTo("30");
        assertThat(verifies(receipt, secret)).isTrue();
        assertThat(verifies(((com.fasterxml.jackson.databind.node.ObjectNode) receipt.deepCopy()).put("amount", "3"), secret)).isFalse();
        assertThat(verifies(((com.fasterxml.jackson.databind.node.ObjectNode) receipt.deepCopy()).put("quantity", 30), secret)).isFalse();

        Reply history = client.get(partner[1], "/api/v1/wallets/uma/purchases?consistent_with=" + bought.body().path("position").asLong());
        assertThat(history.body().path("purchases")).hasSize(1);
        assertThat(history.body().path("purchases").get(0).path("transaction_id").asText()).isEqualTo(bought.text("transaction_id"));
    }

    @Test
    void aRetriedPurchasePostsOnceAndAnswersTheSameReceipt() {
        String[] partner = client.newPartner();
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        client.grantTokens(partner[0], "vic", "CC_COIN", "100", "grant-1");

        Reply first = client.post(partner[1], "/api/v1/wallets/vic/purchases", GEM_PACK.formatted("buy-1"));
        Reply retry = client.post(partner[1], "/api/v1/wallets/vic/purchases", GEM_PACK.formatted("buy-1"));

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(eventCount(partner[0], "vic", "wallet.PurchaseMadeEvent")).isEqualTo(1);
    }

    @Test
    void aNewPartnersFirstPurchaseIsSignedWithTheKeyMadeAtItsRegistration() {
        Reply registered = client.admin("POST", "/admin/v1/partners",
                "{\"name\":\"Shop Ops\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"s@example.com\"}");
        assertThat(registered.status()).isEqualTo(201);
        String partnerId = registered.text("partner_id");
        assertThat(registered.body().path("receipt_key").path("secret_hex").asText()).hasSize(64);
        String apiKey = client.admin("POST", "/admin/v1/partners/" + partnerId + "/api-keys", "{\"scopes\":[\"wallet:write\"]}")
                .text("api_key");
        client.grantTokens(partnerId, "nia", "CC_COIN", "100", "grant-1");
        Reply bought = client.post(apiKey, "/api/v1/wallets/nia/purchases", GEM_PACK.formatted("buy-1"));
        assertThat(bought.status()).as(bought.raw()).isEqualTo(200);
        assertThat(bought.body().path("receipt").path("key_id").asText())
                .isEqualTo(registered.body().path("receipt_key").path("key_id").asText());
    }

    @Test
    void aPurchaseIsRefusedWithoutAReceiptKeyOrFundsAndStoresNothing() {
        String[] partner = client.newPartner();
        // A partner registered before keys were made at registration has none.
        jdbc.update("DELETE FROM receipt_signing_key WHERE partner_id = ?", partner[0]);
        client.grantTokens(partner[0], "wes", "CC_COIN", "10", "grant-1");
        long keysBefore = storedKeys(partner[0]);

        Reply noKey = client.post(partner[1], "/api/v1/wallets/wes/purchases", GEM_PACK.formatted("buy-1"));
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/receipt-keys", null);
        Reply noFunds = client.post(partner[1], "/api/v1/wallets/wes/purchases", GEM_PACK.formatted("buy-1"));

        assertThat(noKey.status()).isEqualTo(409);
        assertThat(noKey.text("type")).endsWith("/receipt-key-missing");
        assertThat(noFunds.status()).isEqualTo(422);
        assertThat(noFunds.text("type")).endsWith("/insufficient-funds");
        assertThat(eventCount(partner[0], "wes", "wallet.PurchaseMadeEvent")).isZero();
        assertThat(storedKeys(partner[0])).isEqualTo(keysBefore);
    }

    /** What a partner does offline: rebuild the canonical form from the receipt (docs/api-guide.md) and compare the HMAC. */
    private static boolean verifies(JsonNode receipt, String secretHex) throws Exception {
        String canonical = String.join("\n", "chipledger-receipt-v1", receipt.path("partner_id").asText(),
                receipt.path("player_id").asText(), receipt.path("transaction_id").asText(),
                receipt.path("transaction_id_partner").asText(), receipt.path("sku").asText(), receipt.path("quantity").asText(),
                receipt.path("currency").asText(), receipt.path("amount").asText(), receipt.path("purchased_at").asText(),
                receipt.path("key_id").asText());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(secretHex), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        return expected.equals(receipt.path("signature").asText());
    }
}
