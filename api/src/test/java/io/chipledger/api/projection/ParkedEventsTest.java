package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.audit.StoreVerification;
import io.chipledger.core.wallet.AdjustBalanceCommand;
import io.chipledger.core.wallet.WalletId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A projection never swallows an error and never stalls everyone behind one event: an event its
 * handler cannot write is parked with its cause, the same wallet's later events wait behind it,
 * other wallets go on, health and metrics say so, and a retry after the fault is fixed writes it.
 * Faults are made for real: a PostgreSQL trigger refusing one wallet's rows, or a value
 * PostgreSQL cannot store.
 */
class ParkedEventsTest extends LedgerApiTest {

    private static final Duration WAIT_MAX = Duration.ofSeconds(60);
    private static final String HISTORY = "wallet-transactions";
    private static final String HISTORY_RETRYING = "retrying after an error";

    @Autowired
    private CommandGateway commandGateway;

    private final List<String> partners = new ArrayList<>();
    private final List<String> triggers = new ArrayList<>();

    @AfterEach
    void removeFaultsAndParkedEvents() {
        triggers.forEach(trigger -> jdbc.execute("DROP TRIGGER IF EXISTS " + trigger));
        partners.forEach(partner -> jdbc.update("DELETE FROM dead_letter_entry WHERE sequence_identifier LIKE ?", partner + ":%"));
    }

    @Test
    void aWalletWhoseHistoryCannotBeWrittenIsParkedOthersGoOnAndARetryAfterTheFixWritesItInOrder() throws Exception {
        String[] partner = newPartner();
        client.deposit(partner[1], "pia", "10.00", "USD");
        Reply first = client.deposit(partner[1], "otto", "10.00", "USD");
        awaitHistory(partner, "otto", first.body().path("position").asLong(), 1);
        List<Map<String, Object>> historyBefore = history(partner[0]);

        refuseHistoryOf(partner[0], "pia", "wallet_transaction");
        Reply parkedDeposit = client.deposit(partner[1], "pia", "1.00", "USD");
        client.deposit(partner[1], "pia", "2.00", "USD");
        Reply otto = client.deposit(partner[1], "otto", "3.00", "USD");

        awaitHistory(partner, "otto", otto.body().path("position").asLong(), 2);
        await("pia's two later deposits are parked", () -> parkedOf(partner[0]).size() == 2);
        List<JsonNode> parked = parkedOf(partner[0]);
        assertThat(parked).allSatisfy(event -> {
            assertThat(event.path("sequence").asText()).isEqualTo(partner[0] + ":pia");
            assertThat(event.path("event_type").asText()).isEqualTo("wallet.FundsDepositedEvent");
        });
        assertThat(parked.get(0).path("cause_message").asText()).startsWith("ERROR: row of pia refused by the test");
        assertThat(parked.get(1).has("cause_message")).as("the second only waits behind the first").isFalse();
        assertThat(parked.get(0).path("position").asLong()).isLessThan(parked.get(1).path("position").asLong());
        assertThat(historyLines(partner[0], "pia")).isEqualTo(1);
        Reply readYourWrite = client.get(partner[1], "/api/v1/wallets/pia/transactions?consistent_with="
                + parkedDeposit.body().path("position").asLong());
        assertThat(readYourWrite.status()).as("a read that waits for a parked event is not answered without it").isEqualTo(503);
        assertThat(readYourWrite.text("type")).endsWith("projection-parked");

        JsonNode health = client.admin("GET", "/actuator/health", null).body();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("components").path("parkedEvents").path("details").path(HISTORY).asLong()).isGreaterThanOrEqualTo(2);
        Reply anonymous = client.send("GET", "/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(anonymous.body().has("components")).as("details are for staff").isFalse();
        assertThat(anonymous.body().has("description")).as("so is what is parked where").isFalse();
        JsonNode gauge = client.admin("GET", "/actuator/metrics/chipledger.projection.parked?tag=group:" + HISTORY, null).body();
        assertThat(gauge.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(2);
        JsonNode status = projection(HISTORY);
        assertThat(status.path("parked_events").asLong()).isGreaterThanOrEqualTo(2);

        Reply stillBroken = client.admin("POST", "/admin/v1/projections/" + HISTORY + "/dead-letters/retry", null);
        assertThat(stillBroken.status()).isEqualTo(200);
        assertThat(parkedOf(partner[0])).as("a retry before the fix parks them again").hasSize(2);

        jdbc.execute("DROP TRIGGER " + triggers.remove(0));
        Reply fixed = client.admin("POST", "/admin/v1/projections/" + HISTORY + "/dead-letters/retry", null);
        assertThat(fixed.body().path("sequences_cleared").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(parkedOf(partner[0])).isEmpty();
        assertThat(client.get(partner[1], "/api/v1/wallets/pia/transactions?consistent_with="
                + parkedDeposit.body().path("position").asLong()).status()).isEqualTo(200);
        List<Map<String, Object>> lines = jdbc.queryForList("SELECT available_change_minor, available_after_minor FROM wallet_transaction "
                + "WHERE partner_id = ? AND player_id = 'pia' ORDER BY wallet_sequence", partner[0]);
        assertThat(lines).extracting(line -> line.get("available_after_minor")).containsExactly(1000L, 1100L, 1300L);

        List<Map<String, Object>> afterRetry = history(partner[0]);
        assertThat(afterRetry).hasSize(historyBefore.size() + 3);
        rebuild(HISTORY);
        assertThat(history(partner[0])).as("a rebuild gives the same rows").isEqualTo(afterRetry);
    }

    @Test
    void aValuePostgresCannotStoreParksItsEventAndStopsNothingElse() throws Exception {
        String[] partner = newPartner();
        Reply opened = client.deposit(partner[1], "nul", "10.00", "USD");
        awaitHistory(partner, "nul", opened.body().path("position").asLong(), 1);
        // The API refuses control characters since issue 9, but an older event may hold one: PostgreSQL's text
        // columns cannot store NUL, so this adjustment's reason stopped the history of every wallet behind it.
        commandGateway.sendAndWait(new AdjustBalanceCommand(new WalletId(partner[0], "nul"), UUID.randomUUID().toString(),
                "nul-adjust", "USD", 100, "bad\u0000reason"));
        Reply after = client.deposit(partner[1], "other", "5.00", "USD");

        awaitHistory(partner, "other", after.body().path("position").asLong(), 1);
        await("the adjustment is parked", () -> parkedOf(partner[0]).size() == 1);
        assertThat(parkedOf(partner[0]).get(0).path("cause_message").asText()).doesNotContain("\u0000").doesNotContain("\n");
        Reply balance = client.get(partner[1], "/api/v1/wallets/nul");
        assertThat(balance.body().path("balances").path("USD").path("available").asText())
                .as("the balances projection stores no reason and is not held up").isEqualTo("11.00");

        StoreVerification.Report verified;
        try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
            verified = StoreVerification.run(connection, null, events -> { });
        }
        assertThat(verified.failures()).as("a parked event is not a tampered read model").noneMatch(failure ->
                failure.aggregateId().equals(partner[0] + ":nul"));
        assertThat(verified.notes()).anyMatch(note -> note.startsWith(HISTORY + " has parked events of "));
    }

    @Test
    void aFailureOfTheMomentIsRetriedNotParkedAndHealthSaysSoMeanwhile() throws Exception {
        String[] partner = newPartner();
        refuseHistoryOf(partner[0], "tim", "wallet_transaction", "40001");
        client.deposit(partner[1], "tim", "4.00", "USD");

        await("health shows the history processor retrying", () -> HISTORY_RETRYING.equals(
                client.admin("GET", "/actuator/health", null).body().path("components").path("projectionProcessors")
                        .path("details").path(HISTORY).asText()));
        assertThat(parkedOf(partner[0])).as("nothing is parked for a failure of the moment").isEmpty();

        jdbc.execute("DROP TRIGGER " + triggers.remove(0));
        await("tim's deposit reaches the history once the failure is gone", () -> historyLines(partner[0], "tim") == 1);
        await("health is back to running", () -> "running".equals(client.admin("GET", "/actuator/health", null).body()
                .path("components").path("projectionProcessors").path("details").path(HISTORY).asText()));
    }

    @Test
    void aSubscribingProjectionThatFailsFailsTheCommandInsteadOfAnsweringSuccess() {
        String[] partner = newPartner();
        String trigger = "refuse_partner_name_" + partner[0].replaceAll("[^a-z0-9]", "");
        jdbc.execute("CREATE OR REPLACE FUNCTION " + trigger + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.partner_id = '" + partner[0] + "' AND NEW.name = 'poison' THEN RAISE EXCEPTION 'refused by the test'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON partner FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        triggers.add(trigger + " ON partner");
        long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                partner[0]);

        Reply update = client.admin("PATCH", "/admin/v1/partners/" + partner[0], "{\"name\":\"poison\"}");

        assertThat(update.status()).isEqualTo(500);
        assertThat(update.text("type")).endsWith("internal-error");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                partner[0])).as("the update is not in the ledger either").isEqualTo(eventsBefore);
        assertThat(client.admin("GET", "/admin/v1/partners/" + partner[0], null).text("name")).isNotEqualTo("poison");
    }

    @Test
    void parkedEventsOfAnUnknownProjectionAreA404AndABadPageIsA400() {
        assertThat(client.admin("GET", "/admin/v1/projections/nothing/dead-letters", null).status()).isEqualTo(404);
        assertThat(client.admin("POST", "/admin/v1/projections/nothing/dead-letters/retry", null).status()).isEqualTo(404);
        assertThat(client.admin("GET", "/admin/v1/projections/" + HISTORY + "/dead-letters?limit=0", null).status()).isEqualTo(400);
        for (String cursor : List.of("x", "1:%20x", "01:p_1%3Aa", "1:", "-1:a", "1:'%20OR%201=1--")) {
            assertThat(client.admin("GET", "/admin/v1/projections/" + HISTORY + "/dead-letters?cursor=" + cursor, null).status())
                    .as("cursor %s", cursor).isEqualTo(400);
        }
        assertThat(client.admin("GET", "/admin/v1/projections/" + HISTORY + "/dead-letters?cursor=3:p_1%3Aalice", null).status())
                .isEqualTo(200);
        String[] support = client.newAdminKey("parked-support", "support");
        Reply refused = client.send("POST", "/admin/v1/projections/" + HISTORY + "/dead-letters/retry", null, "X-Admin-Key", support[1]);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(client.send("GET", "/admin/v1/projections/" + HISTORY + "/dead-letters", null, "X-Admin-Key", support[1]).status())
                .isEqualTo(200);
    }

    private String[] newPartner() {
        String[] partner = client.newPartner();
        partners.add(partner[0]);
        return partner;
    }

    /** A trigger that refuses this wallet's rows in {@code table}, as a broken read model would. */
    private void refuseHistoryOf(String partnerId, String playerId, String table) {
        refuseHistoryOf(partnerId, playerId, table, "P0001");
    }

    /** The same with the SQLSTATE PostgreSQL answers: 40001 is a serialization failure, a failure of the moment. */
    private void refuseHistoryOf(String partnerId, String playerId, String table, String sqlState) {
        String trigger = "refuse_" + partnerId.replaceAll("[^a-z0-9]", "") + "_" + playerId;
        jdbc.execute("CREATE OR REPLACE FUNCTION " + trigger + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.partner_id = '" + partnerId + "' AND NEW.player_id = '" + playerId + "' THEN "
                + "RAISE EXCEPTION 'row of % refused by the test', NEW.player_id USING ERRCODE = '" + sqlState + "'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        triggers.add(trigger + " ON " + table);
    }

    private void awaitHistory(String[] partner, String player, long position, int lines) throws InterruptedException {
        client.get(partner[1], "/api/v1/wallets/" + player + "/transactions?consistent_with=" + position);
        await(player + "'s history has " + lines + " lines", () -> historyLines(partner[0], player) == lines);
    }

    private long historyLines(String partnerId, String playerId) {
        return jdbc.queryForObject("SELECT count(*) FROM wallet_transaction WHERE partner_id = ? AND player_id = ?", Long.class,
                partnerId, playerId);
    }

    private List<Map<String, Object>> history(String partnerId) {
        return jdbc.queryForList("SELECT * FROM wallet_transaction WHERE partner_id = ? ORDER BY player_id, wallet_sequence, line",
                partnerId);
    }

    private List<JsonNode> parkedOf(String partnerId) {
        List<JsonNode> parked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = client.admin("GET", "/admin/v1/projections/" + HISTORY + "/dead-letters?limit=200"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
                    null).body();
            page.path("parked").forEach(event -> {
                if (event.path("sequence").asText().startsWith(partnerId + ":")) {
                    parked.add(event);
                }
            });
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return parked;
    }

    private JsonNode projection(String name) {
        for (JsonNode projection : client.admin("GET", "/admin/v1/projections", null).body()) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private void rebuild(String name) throws InterruptedException {
        assertThat(client.admin("POST", "/admin/v1/projections/" + name + "/rebuild", null).status()).isEqualTo(202);
        await(name + " is rebuilt", () -> {
            JsonNode status = projection(name);
            return !status.path("replaying").asBoolean() && status.path("lag_events").asLong() == 0;
        });
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT_MAX);
            }
            Thread.sleep(50);
        }
    }
}
