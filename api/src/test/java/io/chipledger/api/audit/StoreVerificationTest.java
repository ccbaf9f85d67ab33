package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Tamper tests on real PostgreSQL, through the command line an auditor runs
 * ({@code audit verify --db-url=…}): a copy of real events in a database of its own, altered one way
 * per test, and each alteration reported at its exact place (issue 13).
 */
class StoreVerificationTest extends LedgerApiTest {

    private static final String SCRATCH = "chipledger_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static String adminUrl;

    private String wallet;
    private JdbcTemplate scratch;
    private String scratchUrl;

    /** A wallet's real events (deposit, bet, win, bet, rollback) copied into a database of their own. */
    @BeforeEach
    void copyARealWalletsEvents() throws SQLException {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "vic", "100.00", "USD");
        client.bet(partner[1], "vic", "10.00", "USD", "b-1");
        client.post(partner[1], "/api/v1/wallets/vic/wins", "{\"amount\":\"25.00\",\"currency\":\"USD\",\"game_id\":\"slots\","
                + "\"round_id\":\"round-b-1\",\"transaction_id_partner\":\"w-1\"}");
        client.bet(partner[1], "vic", "4.00", "USD", "b-2");
        client.post(partner[1], "/api/v1/wallets/vic/rollbacks", "{\"transaction_id_partner\":\"rb-1\",\"rolled_back_transaction_id_partner\":\"b-2\"}");
        wallet = partner[0] + ":vic";

        String url;
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        adminUrl = url;
        scratchUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + SCRATCH + "$1");
        jdbc.execute("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)");
        jdbc.execute("CREATE DATABASE " + SCRATCH);
        scratch = new JdbcTemplate(new SingleConnectionDataSource(scratchUrl, user(), "", true));
        scratch.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE, "
                + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255), "
                + "time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), "
                + "payload BYTEA NOT NULL, meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT global_index, event_identifier, aggregate_identifier, sequence_number, "
                + "type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                + "WHERE aggregate_identifier IN (?, ?) ORDER BY global_index", wallet, partner[0]);
        for (Map<String, Object> row : rows) {
            scratch.update("INSERT INTO domain_event_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.values().toArray());
        }
    }

    @AfterAll
    static void dropTheCopy() {
        if (adminUrl != null) {
            new JdbcTemplate(new SingleConnectionDataSource(adminUrl, user(), "", true))
                    .execute("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)");
        }
    }

    @Test
    void anUntouchedStoreVerifiesClean() {
        Result result = verify();

        assertThat(result.exitCode()).as(result.out()).isEqualTo(AuditCommand.CLEAN);
        assertThat(result.out()).containsPattern("\\d+ events of 2 aggregates verified: clean");
        assertThat(result.err()).containsPattern("verified (\\d+) of \\1 events \\(100%\\)");
    }

    @Test
    void oneByteOfAPayloadChangedIsFoundAtItsEvent() {
        scratch.update("UPDATE domain_event_entry SET payload = overlay(payload PLACING '9'::bytea FROM position('100'::bytea IN payload) FOR 1) "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 1 ").contains("hash chain");
        assertThat(failureLines(result)).as(result.out()).allMatch(line -> line.contains(" sequence 1 "));
    }

    @Test
    void anEventRemovedFromTheMiddleIsFound() {
        scratch.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 3 ").contains("sequence: expected 2, found 3");
    }

    @Test
    void twoEventsSwappedAreFound() {
        scratch.update("UPDATE domain_event_entry SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 2", wallet);
        scratch.update("UPDATE domain_event_entry SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = 3", wallet);
        scratch.update("UPDATE domain_event_entry SET sequence_number = 3 WHERE aggregate_identifier = ? AND sequence_number = -1", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 2 ").contains("FAILED " + wallet + " sequence 3 ");
    }

    @Test
    void anUnbalancedPostingIsFoundEvenWhenTheHashWasForgedToMatch() {
        // A forger who changes a posting and recomputes every hash after it: the chain holds, the books do not.
        forgeDeposit("\"amount_minor\":10000,\"player_account\":true", "\"amount_minor\":90000,\"player_account\":true");

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 1 ").contains("postings of USD sum to zero: expected 0");
        assertThat(result.out()).doesNotContain("hash chain");
    }

    @Test
    void anAmountBeyond64BitsIsAFailureAtItsEventAndTheRestIsStillVerified() {
        forgeDeposit("\"amount_minor\":10000,\"player_account\":true", "\"amount_minor\":18446744073709561616,\"player_account\":true");
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'slots', 'slotz'), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 4", wallet);

        Result result = verify();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 1 ").contains("a 64-bit whole number of minor units")
                .contains("FAILED " + wallet + " sequence 4 ");
    }

    @Test
    void theUnchainedTypeColumnDoesNotSwitchOffTheBalanceCheck() {
        forgeDeposit("\"amount_minor\":-10000,\"player_account\":false", "\"amount_minor\":-500,\"player_account\":false");
        forgeDeposit("\"amount_minor\":10000,\"player_account\":true", "\"amount_minor\":500,\"player_account\":true");
        scratch.update("UPDATE domain_event_entry SET type = 'Wallet' WHERE aggregate_identifier = ?", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("balance of player:available in USD");
    }

    @Test
    void anExportVerifiesLikeTheDatabaseAndItsAlterationsAreFound(@TempDir Path directory) throws Exception {
        Path export = directory.resolve("events.ndjson");
        Result exported = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + export);
        Result fromDatabase = verify();
        Result fromExport = run("verify", "--export=" + export);

        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(Files.exists(AuditExport.manifestOf(export))).isTrue();
        assertThat(fromExport.exitCode()).as(fromExport.out() + fromExport.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(lastLine(fromExport)).isEqualTo(lastLine(fromDatabase));

        List<String> lines = Files.readAllLines(export);
        int deposit = indexOf(lines, "\"sequence\":1,");
        String altered = lines.get(deposit).replaceFirst("\"payload_base64\":\"(.)", "\"payload_base64\":\"" + "X");
        Files.write(export, replaced(lines, deposit, altered));
        Result alteredLine = run("verify", "--export=" + export);
        Files.write(export, lines.subList(0, lines.size() - 1));
        Result cut = run("verify", "--export=" + export);

        assertThat(alteredLine.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(alteredLine.out()).contains(" sequence 1 ").contains("hash chain");
        assertThat(cut.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(cut.out()).contains("events in the export").contains("last link of the chain");
    }

    private static String lastLine(Result result) {
        List<String> lines = result.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"aggregate_id\":\"" + wallet + "\"") && lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line of " + wallet + " with " + marker);
    }

    private static List<String> replaced(List<String> lines, int index, String line) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    @Test
    void aDatabaseThatCannotBeReadIsExitCodeTwo() {
        Result unreachable = run("verify", "--db-url=jdbc:postgresql://127.0.0.1:1/none", "--db-user=" + user());
        Result noUrl = run("verify");

        assertThat(unreachable.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(unreachable.err()).contains("could not run");
        assertThat(noUrl.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(noUrl.err()).contains("--db-url");
    }

    /** Changes the deposit's payload, then recomputes its hash and every later one, as a forger with the formula would. */
    private void forgeDeposit(String from, String to) {
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", from, to, wallet);
        String previous = io.chipledger.core.audit.EventHashChain.GENESIS;
        for (Map<String, Object> row : scratch.queryForList("SELECT sequence_number, event_identifier, payload_type, payload, "
                + "convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", wallet)) {
            long sequence = (Long) row.get("sequence_number");
            String hash = io.chipledger.core.audit.EventHashChain.next(previous, wallet, sequence, (String) row.get("event_identifier"),
                    (String) row.get("payload_type"), (byte[]) row.get("payload"));
            String stored = ((String) row.get("meta")).replaceFirst("\"event_hash\":\"[0-9a-f]{64}\"", "\"event_hash\":\"" + hash + "\"");
            scratch.update("UPDATE domain_event_entry SET meta_data = convert_to(?, 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = ?",
                    stored, wallet, sequence);
            previous = hash;
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result verify() {
        return run("verify", "--db-url=" + scratchUrl, "--db-user=" + user());
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = AuditCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static List<String> failureLines(Result result) {
        return result.out().lines().filter(line -> line.startsWith("FAILED")).toList();
    }

    private static String user() {
        String user = System.getenv("SPRING_DATASOURCE_USERNAME");
        return user == null ? "postgres" : user;
    }
}
