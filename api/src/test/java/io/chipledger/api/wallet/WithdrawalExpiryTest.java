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

    @Test
    void oneWithdrawalThatCannotBeReleasedHoldsUpNoneBehindIt() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ivy", "30.00", "USD");
        String longId = "w".repeat(RequestFields.TRANSACTION_ID_LENGTH_MAX);
        Reply stuck = requestTwoPhase(partner[1], "ivy", "stuck-1");
        Reply longOne = requestTwoPhase(partner[1], "ivy", longId);
        client.get(partner[1], "/api/v1/wallets/ivy?consistent_with=" + Math.max(stuck.body().path("position").asLong(),
                longOne.body().path("position").asLong()));
        // The first to expire has its expiry key taken by another request (as a partner could before the ledger
        // reserved its key namespaces), so it cannot be released; the one behind it has an id as long as a key may be.
        jdbc.update("UPDATE pending_withdrawal SET expires_at = now() - interval '2 hours' WHERE partner_id = ? "
                + "AND withdrawal_partner_transaction_id = 'stuck-1'", partner[0]);
        jdbc.update("UPDATE pending_withdrawal SET expires_at = now() - interval '1 second' WHERE partner_id = ? "
                + "AND withdrawal_partner_transaction_id = ?", partner[0], longId);
        jdbc.update("INSERT INTO idempotency_key (partner_id, idempotency_key, request_hash) VALUES (?, ?, ?)",
                partner[0], WithdrawalExpirySweeper.expiryKey("stuck-1"), "0".repeat(64));

        sweeper.releaseExpiredWithdrawals();

        assertThat(eventCount(partner[0], "ivy", "wallet.WithdrawalReleasedEvent")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'wallet.WithdrawalReleasedEvent' AND position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, partner[0] + ":ivy", longId)).as("the long-id withdrawal is the one released").isEqualTo(1);
    }

    private Reply requestTwoPhase(String apiKey, String player, String withdrawalId) {
        Reply requested = client.post(apiKey, "/api/v1/wallets/" + player + "/withdrawals",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + withdrawalId + "\",\"mode\":\"two_phase\"}");
        assertThat(requested.status()).isEqualTo(200);
        return requested;
    }
}
