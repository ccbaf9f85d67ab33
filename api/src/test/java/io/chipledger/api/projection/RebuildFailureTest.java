package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.projection.ProjectionPositions.SegmentToken;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rebuild whose reset fails (its tables locked past the bound, or PostgreSQL refusing the
 * TRUNCATE) answers a clear 503 {@code rebuild-failed}, keeps the old rows and the old tokens, and
 * leaves the projection running and projecting new events. The faults are real: a lock held by
 * another transaction, and a trigger refusing the TRUNCATE.
 */
class RebuildFailureTest extends LedgerApiTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectionPositions positions;

    @Test
    void aResetThatWaitsTooLongForItsTablesKeepsTheOldBalancesAndTheProjectionGoesOn() throws Exception {
        String[] partner = client.newPartner();
        Reply deposit = client.deposit(partner[1], "lena", "7.00", "USD");
        client.get(partner[1], "/api/v1/wallets/lena?consistent_with=" + deposit.body().path("position").asLong());
        Rebuilding.awaitCaughtUp(client);
        Map<Integer, Long> tokensBefore = tokenPositions("wallet-balances");

        Reply failed;
        try (Connection reader = jdbc.getDataSource().getConnection(); Statement lock = reader.createStatement()) {
            // A long read of the table: the reset's TRUNCATE must not queue behind it for ever (nor every read behind the TRUNCATE).
            reader.setAutoCommit(false);
            lock.execute("LOCK TABLE wallet_balance IN ACCESS SHARE MODE");
            try {
                failed = client.admin("POST", "/admin/v1/projections/wallet-balances/rebuild", null);
            } finally {
                reader.rollback();
            }
        }

        assertFailedAndKept(failed, "wallet-balances", tokensBefore);
        assertThat(failed.text("detail")).contains("another transaction held its tables for over 5 s");
        assertThat(client.get(partner[1], "/api/v1/wallets/lena").body().path("balances").path("USD").path("available").asText())
                .as("the old row answers").isEqualTo("7.00");
        Reply later = client.deposit(partner[1], "lena", "2.00", "USD");
        Reply read = client.get(partner[1], "/api/v1/wallets/lena?consistent_with=" + later.body().path("position").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("balances").path("USD").path("available").asText()).as("a new event is projected").isEqualTo("9.00");
    }

    @Test
    void aResetPostgresqlRefusesKeepsTheOldHistoryAndTheProjectionGoesOn() throws Exception {
        String[] partner = client.newPartner();
        Reply deposit = client.deposit(partner[1], "mila", "3.00", "USD");
        client.get(partner[1], "/api/v1/wallets/mila/transactions?consistent_with=" + deposit.body().path("position").asLong());
        Rebuilding.awaitCaughtUp(client);
        Map<Integer, Long> tokensBefore = tokenPositions("wallet-transactions");
        List<Map<String, Object>> historyBefore = history(partner[0]);

        Reply failed;
        jdbc.execute("CREATE FUNCTION refuse_history_truncate() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE 'history truncate refused by the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_history_truncate BEFORE TRUNCATE ON wallet_transaction "
                + "FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_truncate()");
        try {
            failed = client.admin("POST", "/admin/v1/projections/wallet-transactions/rebuild", null);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_history_truncate ON wallet_transaction");
            jdbc.execute("DROP FUNCTION refuse_history_truncate()");
        }

        assertFailedAndKept(failed, "wallet-transactions", tokensBefore);
        assertThat(failed.text("detail")).contains("PostgreSQL refused it (ERROR: history truncate refused by the test)");
        assertThat(history(partner[0])).as("the old rows").isEqualTo(historyBefore);
        Reply later = client.deposit(partner[1], "mila", "4.00", "USD");
        Reply read = client.get(partner[1], "/api/v1/wallets/mila/transactions?consistent_with="
                + later.body().path("position").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("transactions")).as("a new event is projected after the old one").hasSize(2);
    }

    private void assertFailedAndKept(Reply failed, String projection, Map<Integer, Long> tokensBefore) {
        assertThat(failed.status()).as(failed.raw()).isEqualTo(503);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.text("type")).endsWith("/rebuild-failed");
        assertThat(failed.text("detail")).startsWith("the rebuild of " + projection + " failed: ")
                .contains("Nothing was reset: it goes on with its old rows and new events");
        assertThat(processing.eventProcessor(projection, StreamingEventProcessor.class).orElseThrow().isRunning()).isTrue();
        assertThat(Rebuilding.replaying(client, projection)).as("no replay was started, and none is left marked").isFalse();
        // The tokens were put back: none went back to the start (a reset would), though new events may have moved them on.
        Map<Integer, Long> tokensAfter = tokenPositions(projection);
        assertThat(tokensAfter.keySet()).isEqualTo(tokensBefore.keySet());
        tokensBefore.forEach((segment, position) -> assertThat(tokensAfter.get(segment)).as("segment " + segment)
                .isGreaterThanOrEqualTo(position).isGreaterThanOrEqualTo(0));
    }

    /** Each segment's token position (-1 for none), by segment. */
    private Map<Integer, Long> tokenPositions(String projection) {
        Map<Integer, Long> positionsBySegment = new TreeMap<>();
        for (SegmentToken token : positions.tokens(List.of(projection))) {
            positionsBySegment.put(token.segment().getSegmentId(), token.token() == null ? -1 : token.token().position().orElse(-1));
        }
        return positionsBySegment;
    }

    private List<Map<String, Object>> history(String partnerId) {
        return jdbc.queryForList("SELECT * FROM wallet_transaction WHERE partner_id = ? ORDER BY player_id, wallet_sequence, transaction_id",
                partnerId);
    }
}
