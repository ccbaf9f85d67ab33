package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * While a read model is rebuilt, every read it serves says so (503 {@code projection-rebuilding}
 * with {@code Retry-After}) instead of a partial answer or a 404 for a wallet that exists, and
 * commands go on. The replay is held for real: a PostgreSQL trigger makes the balance rows of this
 * test's partner wait for an advisory lock the test holds, so the replay stops at them.
 */
class RebuildingReadsTest extends LedgerApiTest {

    private static final long HOLD_LOCK_KEY = 7_303_517;
    /** How long the reads are asked again while the replay is held: several of the nodes' answer intervals. */
    private static final Duration READS_DURING = Duration.ofMillis(1500);

    @Test
    void readsOfARebuildingReadModelAnswerRebuildingWithRetryAfterNeverNotFoundAndCommandsGoOn() throws Exception {
        String[] partner = client.newPartner();
        Reply deposit = client.deposit(partner[1], "vera", "10.00", "USD");
        long position = deposit.body().path("position").asLong();
        assertThat(client.get(partner[1], "/api/v1/wallets/vera?consistent_with=" + position).status()).isEqualTo(200);
        String trigger = "hold_balances_" + partner[0].replaceAll("[^a-zA-Z0-9]", "_");
        List<String> reads = List.of("/api/v1/wallets/vera", "/api/v1/wallets/vera?consistent_with=" + position);
        List<String> staffReads = List.of("/admin/v1/partners/" + partner[0] + "/wallets/vera",
                "/admin/v1/partners/" + partner[0] + "/system-accounts");

        try (Connection holder = jdbc.getDataSource().getConnection(); Statement hold = holder.createStatement()) {
            hold.execute("SELECT pg_advisory_lock(" + HOLD_LOCK_KEY + ")");
            jdbc.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN PERFORM pg_advisory_xact_lock_shared(" + HOLD_LOCK_KEY + "); RETURN NEW; END $$");
            jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON wallet_balance FOR EACH ROW "
                    + "WHEN (NEW.partner_id = '" + partner[0] + "') EXECUTE FUNCTION " + trigger + "()");
            try {
                Rebuilding.rebuild(client, "wallet-balances");
                assertThat(Rebuilding.replaying(client, "wallet-balances")).isTrue();

                Reply duringRebuild = client.deposit(partner[1], "vera", "1.00", "USD");
                assertThat(duringRebuild.status()).as("a command during the rebuild").isEqualTo(200);
                long until = System.nanoTime() + READS_DURING.toNanos();
                int asked = 0;
                while (System.nanoTime() < until) {
                    for (String read : reads) {
                        assertRebuilding(client.get(partner[1], read), read);
                    }
                    for (String read : staffReads) {
                        assertRebuilding(client.admin("GET", read, null), read);
                    }
                    asked++;
                }
                assertThat(asked).isGreaterThan(1);
                Reply history = client.get(partner[1], "/api/v1/wallets/vera/transactions?consistent_with="
                        + duringRebuild.body().path("position").asLong());
                assertThat(history.status()).as("another read model answers while this one rebuilds").isEqualTo(200);
            } finally {
                hold.execute("SELECT pg_advisory_unlock(" + HOLD_LOCK_KEY + ")");
                jdbc.execute("DROP TRIGGER IF EXISTS " + trigger + " ON wallet_balance");
                jdbc.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
            }
        }

        Rebuilding.awaitCaughtUp(client);
        Reply wallet = client.get(partner[1], "/api/v1/wallets/vera");
        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.body().path("balances").path("USD").path("available").asText()).isEqualTo("11.00");
    }

    private static void assertRebuilding(Reply reply, String read) {
        assertThat(reply.status()).as(read + ": " + reply.raw()).isEqualTo(503);
        assertThat(reply.text("type")).as(read).endsWith("/projection-rebuilding");
        assertThat(reply.text("projection")).as(read).isEqualTo("wallet-balances");
        assertThat(reply.text("detail")).as(read).contains("being rebuilt");
        assertThat(reply.retryAfter()).as(read).isEqualTo(Long.toString(RebuildingProjections.RETRY_AFTER_SECONDS));
    }
}
