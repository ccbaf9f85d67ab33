package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a new integrator found where the service and its contract parted (issue 12's red-team
 * pass): every decimal is written as text, an enum is spelled one way only, and a refusal names
 * the field at fault.
 */
class WireShapesTest extends LedgerApiTest {

    @Test
    void aCommissionRateIsWrittenAsTextLikeEveryDecimal() {
        String[] partner = client.newPartner();

        Reply read = client.admin("GET", "/admin/v1/partners/" + partner[0], null);

        assertThat(read.body().path("commission_rate").isTextual()).as(read.raw()).isTrue();
        assertThat(read.text("commission_rate")).matches(OpenApiConfiguration.AMOUNT_PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPERATOR", "Affiliate", "aGGREGATOR"})
    void aPartnerTypeIsSpelledAsTheDocumentListsIt(String type) {
        Reply refused = client.admin("POST", "/admin/v1/partners", "{\"name\":\"Spelling\",\"type\":\"" + type + "\","
                + "\"commission_rate\":\"0.05\",\"contact_email\":\"s@example.com\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("type");
    }

    @Test
    void aMissingCurrencyIsRefusedOnItsField() {
        String[] partner = client.newPartner();

        Reply deposit = client.post(partner[1], "/api/v1/wallets/amy/deposits", "{\"amount\":\"1.00\",\"transaction_id_partner\":\"d-1\"}");
        Reply reward = client.post(partner[1], "/api/v1/wallets/amy/plays", "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\","
                + "\"amount\":\"1\"},\"rewards\":[{\"asset\":\"CC_COIN\",\"amount\":\"1\"},{\"asset\":\"XYZ\",\"amount\":\"1\"}],"
                + "\"transaction_id_partner\":\"p-1\"}");

        assertThat(deposit.status()).isEqualTo(400);
        assertThat(deposit.text("field")).isEqualTo("currency");
        assertThat(reward.status()).isEqualTo(400);
        assertThat(reward.text("field")).isEqualTo("rewards[1].asset");
    }

    @Test
    void aBulkGrantNamesTheGrantAtFault() {
        String[] partner = client.newPartner();
        String bulk = "/admin/v1/partners/" + partner[0] + "/token-grants/bulk";
        String head = "{\"token_type\":\"CC_COIN\",\"reason\":\"cup\",\"transaction_id_partner\":\"b-1\",\"grants\":";

        Reply nullGrant = client.admin("POST", bulk, head + "[{\"player_id\":\"ann\",\"amount\":\"1\"},null]}");
        Reply badPlayer = client.admin("POST", bulk, head + "[{\"player_id\":\"ann\",\"amount\":\"1\"},{\"player_id\":\"no way\",\"amount\":\"1\"}]}");

        assertThat(nullGrant.status()).isEqualTo(400);
        assertThat(nullGrant.text("field")).isEqualTo("grants[1]");
        assertThat(badPlayer.status()).isEqualTo(400);
        assertThat(badPlayer.text("field")).isEqualTo("grants[1].player_id");
    }
}
