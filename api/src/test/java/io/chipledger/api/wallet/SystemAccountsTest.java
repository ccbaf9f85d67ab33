package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;

/** A system account sums many wallets' movements: its balance is exact even past what a 64-bit integer holds. */
class SystemAccountsTest extends LedgerApiTest {

    @Test
    void aSystemAccountPastWhatALongHoldsIsShownExactly() {
        String[] partner = client.newPartner();
        // Years of grants from the promo account: two entries whose sum passes Long.MAX_VALUE (9,223,372,036,854,775,807).
        // Written to the read model directly: reaching it through commands would take millions of them.
        for (long position = -2; position < 0; position++) {
            jdbc.update("INSERT INTO system_account_entry (event_position, partner_id, account, asset, amount_minor) "
                    + "VALUES (?, ?, 'system:promo', 'CC_COIN', ?)", position, partner[0], -6_000_000_000_000_000_000L);
        }
        try {
            Reply accounts = client.admin("GET", "/admin/v1/partners/" + partner[0] + "/system-accounts", null);

            assertThat(accounts.status()).isEqualTo(200);
            assertThat(accounts.body().get(0).path("balance").asText()).isEqualTo("-12000000000000000000");
        } finally {
            jdbc.update("DELETE FROM system_account_entry WHERE partner_id = ?", partner[0]);
        }
    }
}
