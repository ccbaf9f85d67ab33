package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.audit.EventHashChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Tamper tests of the events, their chain and its anchors, through {@code audit verify} on a copy of
 * real events (issue 13): each alteration is reported at its exact place.
 */
class StoreVerificationTest extends ScratchStoreTest {
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
    void balancesAfterThatThePostingsDoNotGiveAreFoundAtTheirEvent() {
        // The wallet loads its balances from balances_after: a forger who changes only those and rechains must still be found.
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '\"available\":9000', "
                + "'\"available\":509000'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 2", wallet);
        rechain();

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).anyMatch(line -> line.contains(" sequence 2 ")
                && line.contains("balances_after of USD (available/reserved) as its postings give them: expected 9000/0, found 509000/0"));
    }

    @Test
    void anEventForgedAtAPositionNoCheckpointSealsIsFound() {
        checkpoints().sealThrough(headPosition());
        scratch.update("UPDATE domain_event_entry SET global_index = -global_index WHERE aggregate_identifier = ? AND sequence_number = 5", wallet);

        Result result = verify();

        assertThat(failureLines(result)).as(result.out()).anyMatch(line -> line.contains(" sequence 5: ") && line.contains("global position: "
                + "expected 1 or more"));
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

    @Test
    void aDatabaseThatCannotBeReadIsExitCodeTwo() {
        Result unreachable = run("verify", "--db-url=jdbc:postgresql://127.0.0.1:1/none", "--db-user=" + user());
        Result noUrl = run("verify");

        assertThat(unreachable.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(unreachable.err()).contains("could not run");
        assertThat(noUrl.exitCode()).isEqualTo(AuditCommand.COULD_NOT_RUN);
        assertThat(noUrl.err()).contains("--db-url");
    }


    /** History stored by the version 1 chain (its link in the metadata), upgraded by migration V17, still verifies, and its alterations are found. */
    @Test
    void historyStoredBeforeVersionTwoStillVerifiesAfterTheUpgrade() {
        String oldUrl = scratchUrl.replace(SCRATCH, SCRATCH + "_v1");
        jdbc.execute("DROP DATABASE IF EXISTS " + SCRATCH + "_v1 WITH (FORCE)");
        jdbc.execute("CREATE DATABASE " + SCRATCH + "_v1");
        try {
            JdbcTemplate old = new JdbcTemplate(new SingleConnectionDataSource(oldUrl, user(), "", true));
            Flyway.configure().dataSource(oldUrl, user(), "").locations("classpath:db/migration").target("16").load().migrate();
            String previous = EventHashChain.GENESIS;
            for (Map<String, Object> row : scratch.queryForList("SELECT global_index, event_identifier, aggregate_identifier, sequence_number, "
                    + "type, time_stamp, payload_type, payload_revision, payload, convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? ORDER BY sequence_number", wallet)) {
                previous = EventHashChain.next(previous, wallet, (Long) row.get("sequence_number"), (String) row.get("event_identifier"),
                        (String) row.get("payload_type"), (byte[]) row.get("payload"));
                String meta = ((String) row.get("meta")).replaceFirst("}$", ",\"event_hash\":\"" + previous + "\"}");
                old.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, convert_to(?, 'UTF8'))",
                        row.get("global_index"), row.get("event_identifier"), wallet, row.get("sequence_number"), row.get("type"),
                        row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"), row.get("payload"), meta);
            }
            Flyway.configure().dataSource(oldUrl, user(), "").locations("classpath:db/migration").load().migrate();
            Result upgraded = run("verify", "--db-url=" + oldUrl, "--db-user=" + user());
            old.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'slots', 'slotz'), 'UTF8') "
                    + "WHERE sequence_number = 3");
            Result altered = run("verify", "--db-url=" + oldUrl, "--db-user=" + user());

            assertThat(old.queryForObject("SELECT event_hash FROM event_chain_head WHERE aggregate_identifier = ?", String.class, wallet))
                    .as("the migration anchors the old chain's head").isEqualTo(previous);
            assertThat(upgraded.exitCode()).as(upgraded.out() + upgraded.err()).isEqualTo(AuditCommand.CLEAN);
            assertThat(failureLines(altered)).as(altered.out()).singleElement().asString()
                    .contains("FAILED " + wallet + " sequence 3 ").contains("hash chain (version 1)");
        } finally {
            jdbc.execute("DROP DATABASE IF EXISTS " + SCRATCH + "_v1 WITH (FORCE)");
        }
    }
}
