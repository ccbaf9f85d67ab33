package io.chipledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default keeps the ledger in its data folder: a stopped and restarted service
 * has every event, answers earlier keys with their stored results, and its projections neither
 * lose nor double anything.
 */
class RestartTest {

    private final String dataDir = "target/restart-test-" + UUID.randomUUID();
    private final int databasePort = ServiceInstance.freePort();

    @Test
    void aRestartLosesNothingAndReplaysNothingTwice() {
        String partnerId;
        String apiKey;
        String firstAnswer;
        String depositBody = "{\"amount\":\"40.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"r-dep-1\"}";
        try (ServiceInstance first = ServiceInstance.embedded(dataDir, databasePort)) {
            LedgerClient client = first.client();
            String[] partner = client.newPartner();
            partnerId = partner[0];
            apiKey = partner[1];
            firstAnswer = client.post(apiKey, "/api/v1/wallets/yara/deposits", depositBody).raw();
            client.bet(apiKey, "yara", "15.00", "USD", "r-bet-1");
            client.post(apiKey, "/api/v1/wallets/yara/rollbacks",
                    "{\"transaction_id_partner\":\"r-rb-1\",\"rolled_back_transaction_id_partner\":\"r-bet-1\"}");
            client.bet(apiKey, "yara", "5.00", "USD", "r-bet-2");
        }

        try (ServiceInstance second = ServiceInstance.embedded(dataDir, databasePort)) {
            LedgerClient client = second.client();
            JdbcTemplate jdbc = second.bean(JdbcTemplate.class);

            Reply retried = client.post(apiKey, "/api/v1/wallets/yara/deposits", depositBody);
            assertThat(retried.replayed()).isTrue();
            assertThat(retried.raw()).isEqualTo(firstAnswer);

            Reply next = client.bet(apiKey, "yara", "1.00", "USD", "r-bet-3");
            assertThat(next.text("balance")).isEqualTo("34.00");
            long position = next.body().path("position").asLong();
            Reply wallet = client.get(apiKey, "/api/v1/wallets/yara?consistent_with=" + position);
            assertThat(wallet.body().path("balances").path("USD").path("available").asText()).isEqualTo("34.00");
            Reply history = client.get(apiKey, "/api/v1/wallets/yara/transactions?consistent_with=" + position);
            assertThat(history.body().path("transactions")).hasSize(5);

            Long moneyEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type <> 'wallet.WalletOpenedEvent'", Long.class, partnerId + ":yara");
            Long historyRows = jdbc.queryForObject("SELECT count(*) FROM wallet_transaction WHERE partner_id = ?", Long.class, partnerId);
            Long houseEntries = jdbc.queryForObject("SELECT count(*) FROM system_account_entry WHERE partner_id = ?", Long.class, partnerId);
            assertThat(moneyEvents).isEqualTo(5);
            assertThat(historyRows).isEqualTo(5);
            assertThat(houseEntries).isEqualTo(5);
        }
    }
}
