package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.core.audit.EventHashChain;
import io.chipledger.core.audit.SnapshotSeal;
import java.time.Clock;
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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Tamper tests on real PostgreSQL, through the command line an auditor runs
 * ({@code audit verify --db-url=…}): a copy of real events in a database of its own, altered one way
 * per test, and each alteration reported at its exact place (issue 13).
 */
class StoreVerificationTest extends LedgerApiTest {

    private static final String SCRATCH = "chipledger_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static String adminUrl;

    @Autowired
    private LedgerProperties properties;
    @Autowired
    private Clock clock;

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
        String profile = "profile:" + partner[0] + ":vic";
        client.post(partner[1], "/api/v1/players/vic/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.randomUUID() + "\"}");
        Reply played = client.post(partner[1], "/api/v1/players/vic/activities", "{\"event_type\":\"PLAY_DURATION\",\"value\":90,"
                + "\"event_id\":\"" + UUID.randomUUID() + "\"}");
        client.get(partner[1], "/api/v1/players/vic/activity?consistent_with=" + played.body().path("position").asLong());

        String url;
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        adminUrl = url;
        scratchUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + SCRATCH + "$1");
        jdbc.execute("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)");
        jdbc.execute("CREATE DATABASE " + SCRATCH);
        scratch = new JdbcTemplate(new SingleConnectionDataSource(scratchUrl, user(), "", true));
        Flyway.configure().dataSource(scratchUrl, user(), "").locations("classpath:db/migration").load().migrate();
        awaitProjections(profile);
        copy("domain_event_entry", "aggregate_identifier IN (?, ?, ?)", wallet, partner[0], profile);
        copy("event_chain_head", "aggregate_identifier IN (?, ?, ?)", wallet, partner[0], profile);
        copy("player_activity", "partner_id = ? AND player_id = ?", partner[0], "vic");
        copy("wallet_balance", "partner_id = ? AND player_id = ?", partner[0], "vic");
        copy("wallet_transaction", "partner_id = ? AND player_id = ?", partner[0], "vic");
        copy("system_account_entry", "partner_id = ?", partner[0]);
        long head = scratch.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        for (String group : List.of("wallet-balances", "wallet-transactions", "play-log", "purchase-history", "player-activity")) {
            scratch.update("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, 0, convert_to(?, 'UTF8'), ?)",
                    group, "{\"index\":" + head + ",\"gaps\":[]}", "org.axonframework.eventhandling.GapAwareTrackingToken");
        }
    }

    /**
     * The wallet's and the profile's events have reached every read model they are compared with;
     * the profile's include the deposit's charge, which the wallet's activity feed records later.
     */
    private void awaitProjections(String profile) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Long activities = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, profile);
            long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)",
                    Long.class, wallet, profile);
            Long behind = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name IN ('wallet-balances', "
                    + "'wallet-transactions', 'player-activity') AND (token IS NULL OR (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint < ?)",
                    Long.class, last);
            if (activities == 3 && behind == 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the projections did not reach the wallet's and the profile's events");
    }

    private void copy(String table, String where, Object... arguments) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM " + table + " WHERE " + where, arguments);
        for (Map<String, Object> row : rows) {
            String columns = String.join(", ", row.keySet());
            String marks = String.join(", ", java.util.Collections.nCopies(row.size(), "?"));
            scratch.update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", row.values().toArray());
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
        assertThat(result.out()).containsPattern("\\d+ events of 3 aggregates and 0 checkpoints verified: clean");
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
        assertThat(cut.out()).contains("events in the export").contains("chain head in the manifest");
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
    void theActorInAnEventsMetadataChangedIsFoundAtItsEvent() {
        scratch.update("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), '\"actor\":\"api-key:', "
                + "'\"actor\":\"api-kez:'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 3", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(failureLines(result)).as(result.out()).singleElement().asString()
                .contains("FAILED " + wallet + " sequence 3 ").contains("hash chain (version 2)");
    }

    @Test
    void aTimestampChangedIsFoundAtItsEvent() {
        scratch.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00.000Z' WHERE aggregate_identifier = ? "
                + "AND sequence_number = 2", wallet);

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).singleElement().asString()
                .contains("FAILED " + wallet + " sequence 2 ").contains("hash chain (version 2)");
    }

    @Test
    void theNewestEventsOfAWalletRemovedAreFoundByItsHead() {
        scratch.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= 4", wallet);

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " sequence 5 ").contains("chain head in event_chain_head");
    }

    @Test
    void newestEventsRemovedWithTheirHeadAndCheckpointsRewrittenAreFoundByTheCheckpointsKept(@TempDir Path directory) {
        checkpoints().sealThrough(headPosition());
        Path kept = directory.resolve("checkpoints.json");
        Result exported = run("checkpoints", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + kept);
        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(verify().out()).contains("1 checkpoints verified: clean");

        // A thorough forger: the events, their head and the read models they reached.
        scratch.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= 4", wallet);
        scratch.update("DELETE FROM wallet_transaction WHERE wallet_sequence >= 4");
        scratch.update("UPDATE wallet_balance SET wallet_sequence = 3");
        rechain();
        Result byStoredCheckpoint = verify();
        scratch.update("DELETE FROM chain_checkpoint");
        checkpoints().sealThrough(headPosition());
        Result rewritten = verify();
        Result byKeptCheckpoint = run("verify", "--db-url=" + scratchUrl, "--db-user=" + user(), "--checkpoints=" + kept);

        assertThat(failureLines(byStoredCheckpoint)).as(byStoredCheckpoint.out()).singleElement().asString()
                .contains("checkpoint in chain_checkpoint (an event at or before it was altered, removed or added)");
        assertThat(rewritten.exitCode()).as("a forger who rewrote every table").isEqualTo(AuditCommand.CLEAN);
        assertThat(byKeptCheckpoint.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(failureLines(byKeptCheckpoint)).as(byKeptCheckpoint.out()).isNotEmpty().allMatch(line -> line.contains("checkpoint")
                && line.contains("kept"));
    }

    @Test
    void aSnapshotAlteredIsFoundEvenWhenResealed() {
        String balances = "{\"balances\":{\"USD\":{\"available\":9000,\"reserved\":0}}}";
        storeSnapshot(balances, true);
        Result sound = verify();
        scratch.update("DELETE FROM snapshot_event_entry");
        storeSnapshot(balances.replace("9000", "9900"), false);
        Result altered = verify();
        scratch.update("DELETE FROM snapshot_event_entry");
        storeSnapshot(balances.replace("9000", "9900"), true);
        Result resealed = verify();

        assertThat(sound.exitCode()).as(sound.out()).isEqualTo(AuditCommand.CLEAN);
        assertThat(failureLines(altered)).as(altered.out()).anyMatch(line -> line.contains(" sequence 2 ") && line.contains("snapshot's seal"));
        assertThat(failureLines(resealed)).as(resealed.out()).singleElement().asString()
                .contains(" sequence 2 ").contains("snapshot's balances: expected {USD=9000/0}, found {USD=9900/0}");
    }

    @Test
    void aReadModelBalanceChangedIsFoundAtTheWalletsEvent() {
        scratch.update("UPDATE wallet_balance SET available_minor = available_minor + 1");

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(AuditCommand.FAILURES_FOUND);
        assertThat(result.out()).contains("FAILED " + wallet + " ").contains("wallet_balance of USD");
    }

    @Test
    void aHistoryRowRemovedIsFoundAtItsEventAndAMovedOneAtItsPosition() {
        scratch.update("DELETE FROM wallet_transaction WHERE wallet_sequence = 3");
        Result removed = verify();
        scratch.update("UPDATE wallet_transaction SET global_position = global_position + 100000 WHERE wallet_sequence = 2");
        Result moved = verify();

        assertThat(failureLines(removed)).as(removed.out()).anyMatch(line -> line.contains("FAILED " + wallet + " sequence 3 ")
                && line.contains("row in read model wallet_transaction: expected a row for this event, found none"));
        assertThat(failureLines(moved)).as(moved.out()).anyMatch(line -> line.contains(" sequence 2 ")
                && line.contains("row in read model wallet_transaction"));
    }

    @Test
    void aPlayersActivityFiguresChangedAreFoundAtTheProfile() {
        scratch.update("UPDATE player_activity SET total_play_duration_seconds = 9000");

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).singleElement().asString()
                .contains("FAILED profile:").containsPattern("player_activity: expected \\d activities, 90 s played, after sequence \\d, "
                        + "found \\d activities, 9000 s played");
    }

    @Test
    void aPeriodExportStartsAtACheckpointAndVerifiesWithoutTheDatabase(@TempDir Path directory) throws Exception {
        long third = scratch.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                Long.class, wallet);
        checkpoints().sealThrough(third - 1);
        checkpoints().sealThrough(headPosition());
        String from = scratch.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, third);
        Path export = directory.resolve("period.ndjson");

        Result exported = run("export", "--db-url=" + scratchUrl, "--db-user=" + user(), "--file=" + export, "--from=" + from);
        Result fromExport = run("verify", "--export=" + export);

        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(AuditCommand.CLEAN);
        assertThat(exported.out()).contains("positions after " + (third - 1) + " through " + headPosition() + ", 1 checkpoints");
        assertThat(fromExport.exitCode()).as(fromExport.out()).isEqualTo(AuditCommand.CLEAN);
        assertThat(fromExport.out()).contains("1 checkpoints verified: clean");
    }

    @Test
    void thePlainSqlInTheAuditGuideRecomputesTheChain() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "audit.md"));
        int start = guide.indexOf("```sql\n") + "```sql\n".length();
        String sql = guide.substring(start, guide.indexOf("```", start)).replace("p_…:alice", wallet).replace(";", "");

        List<Boolean> links = scratch.query(sql, (row, i) -> row.getBoolean("link_holds"));
        scratch.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00.000Z' WHERE aggregate_identifier = ? "
                + "AND sequence_number = 2", wallet);
        List<Boolean> afterTampering = scratch.query(sql, (row, i) -> row.getBoolean("link_holds"));

        assertThat(links).hasSize(6).containsOnly(true);
        assertThat(afterTampering).containsExactly(true, true, false, true, true, true);
    }

    private long headPosition() {
        return scratch.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private ChainCheckpoints checkpoints() {
        return new ChainCheckpoints(scratch, new TransactionTemplate(new DataSourceTransactionManager(scratch.getDataSource())), clock,
                properties);
    }

    /** A wallet snapshot at sequence 2 with {@code state}, sealed as the service seals one, or with a stale seal. */
    private void storeSnapshot(String state, boolean sealed) {
        String link = scratch.queryForObject("SELECT event_hash FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                String.class, wallet);
        byte[] payload = state.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String seal = SnapshotSeal.seal(wallet, 2, link, "PlayerWallet", null, sealed ? payload : "{}".getBytes());
        scratch.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) VALUES (?, 2, 'PlayerWallet', ?, '2026-01-01T00:00:00.000Z', "
                + "'PlayerWallet', NULL, ?, convert_to(?, 'UTF8'))", wallet, UUID.randomUUID().toString(), payload,
                "{\"chain_hash\":\"" + link + "\",\"snapshot_seal\":\"" + seal + "\"}");
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

    /** Changes the deposit's payload, then recomputes its link, every later one and the head, as a forger with the formula would. */
    private void forgeDeposit(String from, String to) {
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", from, to, wallet);
        rechain();
    }

    /** Recomputes the wallet's every link and its head from the rows as they now are. */
    private void rechain() {
        String previous = EventHashChain.GENESIS;
        long last = -1;
        for (EventHashChain.Row row : scratch.query("SELECT aggregate_identifier, sequence_number, event_identifier, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, i) -> new EventHashChain.Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)), wallet)) {
            previous = EventHashChain.next(2, previous, row);
            last = row.sequence();
            scratch.update("UPDATE domain_event_entry SET event_hash = ? WHERE aggregate_identifier = ? AND sequence_number = ?",
                    previous, wallet, row.sequence());
        }
        scratch.update("UPDATE event_chain_head SET sequence_number = ?, event_hash = ? WHERE aggregate_identifier = ?", last, previous, wallet);
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
