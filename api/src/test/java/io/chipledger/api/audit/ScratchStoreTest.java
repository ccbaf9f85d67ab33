package io.chipledger.api.audit;


import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.core.audit.EventHashChain;
import io.chipledger.core.audit.SnapshotSeal;
import java.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A copy of a real wallet's events and read models in a database of its own (migrated by Flyway),
 * for tamper tests on real PostgreSQL through the command line an auditor runs
 * ({@code audit verify --db-url=…}): each test alters the copy one way and checks the report.
 */
abstract class ScratchStoreTest extends LedgerApiTest {
    static final String SCRATCH = "chipledger_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    static String adminUrl;

    @Autowired
    LedgerProperties properties;
    @Autowired
    Clock clock;

    String wallet;
    JdbcTemplate scratch;
    String scratchUrl;

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
    void awaitProjections(String profile) {
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

    void copy(String table, String where, Object... arguments) {
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

    long headPosition() {
        return scratch.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    ChainCheckpoints checkpoints() {
        return new ChainCheckpoints(scratch, new TransactionTemplate(new DataSourceTransactionManager(scratch.getDataSource())), clock,
                properties);
    }

    /** A wallet snapshot at sequence 2 with {@code state}, sealed as the service seals one, or with a stale seal. */
    void storeSnapshot(String state, boolean sealed) {
        String link = scratch.queryForObject("SELECT event_hash FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2",
                String.class, wallet);
        byte[] payload = state.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String seal = SnapshotSeal.seal(wallet, 2, link, "PlayerWallet", null, sealed ? payload : "{}".getBytes());
        scratch.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) VALUES (?, 2, 'PlayerWallet', ?, '2026-01-01T00:00:00.000Z', "
                + "'PlayerWallet', NULL, ?, convert_to(?, 'UTF8'))", wallet, UUID.randomUUID().toString(), payload,
                "{\"chain_hash\":\"" + link + "\",\"snapshot_seal\":\"" + seal + "\"}");
    }

    /** Changes the deposit's payload, then recomputes its link, every later one and the head, as a forger with the formula would. */
    void forgeDeposit(String from, String to) {
        scratch.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 1", from, to, wallet);
        rechain();
    }

    /** Recomputes the wallet's every link and its head from the rows as they now are. */
    void rechain() {
        rechain(wallet);
    }

    /** Recomputes an aggregate's every link and its head from the rows as they now are, as a forger with the formula would. */
    void rechain(String aggregate) {
        String previous = EventHashChain.GENESIS;
        long last = -1;
        for (EventHashChain.Row row : scratch.query("SELECT aggregate_identifier, sequence_number, event_identifier, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, i) -> new EventHashChain.Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)), aggregate)) {
            previous = EventHashChain.next(2, previous, row);
            last = row.sequence();
            scratch.update("UPDATE domain_event_entry SET event_hash = ? WHERE aggregate_identifier = ? AND sequence_number = ?",
                    previous, aggregate, row.sequence());
        }
        scratch.update("UPDATE event_chain_head SET sequence_number = ?, event_hash = ? WHERE aggregate_identifier = ?", last, previous,
                aggregate);
    }

    record Result(int exitCode, String out, String err) {
    }

    Result verify() {
        return run("verify", "--db-url=" + scratchUrl, "--db-user=" + user());
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = AuditCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    static List<String> failureLines(Result result) {
        return result.out().lines().filter(line -> line.startsWith("FAILED")).toList();
    }

    static String user() {
        String user = System.getenv("SPRING_DATASOURCE_USERNAME");
        return user == null ? "postgres" : user;
    }

}
