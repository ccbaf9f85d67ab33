package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.core.partner.SettlementPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The principal a partner's request runs as carries what the partner's commands need: its id, key, scopes and settlement policy. */
class PartnerPrincipalTest extends LedgerApiTest {

    @Autowired
    private KeyAuthenticationProvider provider;

    @Test
    void thePrincipalCarriesThePartnersSettlementPolicyFromTheNextRequestOn() {
        String[] partner = client.newPartner("wallet:write");
        PartnerPrincipal before = principal(partner[1]);
        assertThat(before.partnerId()).isEqualTo(partner[0]);
        assertThat(before.keyId()).isEqualTo(partner[2]);
        assertThat(before.settlementPolicy()).isEqualTo(SettlementPolicy.SINGLE_WIN);

        assertThat(client.admin("PATCH", "/admin/v1/partners/" + partner[0], "{\"settlement_policy\":\"multi_win\"}").status())
                .isEqualTo(200);
        assertThat(principal(partner[1]).settlementPolicy()).isEqualTo(SettlementPolicy.MULTI_WIN);
    }

    /** What the filter chain does with an {@code X-API-Key} header on every request. */
    private PartnerPrincipal principal(String apiKey) {
        return (PartnerPrincipal) provider.authenticate(new PresentedKey(ApiKeys.Kind.PARTNER, apiKey, "127.0.0.1")).getPrincipal();
    }
}
