package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A two-phase withdrawal nobody decides on is released when it expires, once, however often the sweeper runs. */
class WithdrawalExpiryTest extends LedgerApiTest {

    @Autowired
    private WithdrawalExpirySweeper sweeper;

    @Test
    void anExpiredWithdrawalIsReleasedOnce() throws InterruptedException {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ines", "30.00", "USD");
        Reply requested = client.post(partner[1], "/api/v1/wallets/ines/withdrawals",
                "{\"amount\":\"10.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"exp-1\",\"mode\":\"two_phase\"}");
        client.get(partner[1], "/api/v1/wallets/ines?consistent_with=" + requested.body().path("position").asLong());
        // Time passes: the deadline the projection keeps is moved into the past.
        jdbc.update("UPDATE pending_withdrawal SET expires_at = now() - interval '1 second' WHERE partner_id = ?", partner[0]);

        sweeper.releaseExpiredWithdrawals();
        sweeper.releaseExpiredWithdrawals();

        assertThat(eventCount(partner[0], "ines", "wallet.WithdrawalReleasedEvent")).isEqualTo(1);
        Reply after = client.deposit(partner[1], "ines", "0.01", "USD");
        assertThat(after.body().path("balances").path("USD").path("available").asText()).isEqualTo("30.01");
        assertThat(after.body().path("balances").path("USD").path("reserved").asText()).isEqualTo("0.00");
    }
}
