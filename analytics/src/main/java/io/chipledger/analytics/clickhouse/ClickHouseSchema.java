package io.chipledger.analytics.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The analytics tables in ClickHouse, as versioned DDL applied at start-up: each version's
 * statements run once, in order, and the version is then recorded in {@code chipledger_schema}.
 * Every statement is idempotent ({@code IF NOT EXISTS}), so a start interrupted between a
 * statement and its record simply runs it again.
 *
 * <p>The SQL is the subset ClickHouse 18.16 (Debian's package, what these machines run) shares with
 * current releases (docker-compose): no DateTime64, Map, Bool, LowCardinality, window functions or
 * CTEs; every MergeTree has an ORDER BY. Tables deduplicate on the event: a
 * {@code ReplacingMergeTree} whose sorting key ends in the event id (and the posting's index), so
 * a replay or a resend never double counts once merged, and queries read them with {@code FINAL}
 * (or group by the key) so it never double counts before either.
 */
public final class ClickHouseSchema {

    /** One version of the schema: its number and its statements. */
    public record Version(int number, List<String> statements) {
    }

    public static final List<Version> VERSIONS = List.of(
            new Version(1, List.of("""
                    CREATE TABLE IF NOT EXISTS postings (
                        event_id         String,
                        posting_index    UInt16,
                        global_position  UInt64,
                        occurred_at      DateTime,
                        day              Date,
                        partner_id       String,
                        player_id        String,
                        account          String,
                        account_kind     String,
                        asset            String,
                        amount_minor     Int64,
                        transaction_type String,
                        transaction_id   String,
                        game_id          String,
                        round_id         String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, day, event_id, posting_index)""")),
            new Version(2, List.of("""
                    CREATE TABLE IF NOT EXISTS transactions (
                        event_id               String,
                        global_position        UInt64,
                        occurred_at            DateTime,
                        day                    Date,
                        partner_id             String,
                        player_id              String,
                        transaction_type       String,
                        transaction_id         String,
                        partner_transaction_id String,
                        asset                  String,
                        player_delta_minor     Int64,
                        available_after_minor  Int64,
                        reserved_after_minor   Int64,
                        game_id                String,
                        round_id               String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, day, event_id, asset)""", """
                    CREATE TABLE IF NOT EXISTS plays (
                        event_id             String,
                        global_position      UInt64,
                        occurred_at          DateTime,
                        day                  Date,
                        partner_id           String,
                        player_id            String,
                        game                 String,
                        config_id            String,
                        stake_asset          String,
                        stake_minor          Int64,
                        reward_assets        Array(String),
                        reward_amounts_minor Array(Int64),
                        outcome              String,
                        transaction_id       String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, day, event_id)""", """
                    CREATE TABLE IF NOT EXISTS activity (
                        event_id          String,
                        global_position   UInt64,
                        occurred_at       DateTime,
                        recorded_at       DateTime,
                        day               Date,
                        partner_id        String,
                        player_id         String,
                        activity_type     String,
                        activity_event_id String,
                        value             Nullable(Int64),
                        source            String,
                        meta              String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, day, event_id)""")),
            // Issue 20: deliveries of every reward kind (a coupon issue or a blank draw moves no money), and coupon uses.
            new Version(3, List.of("""
                    CREATE TABLE IF NOT EXISTS campaign_deliveries (
                        event_id         String,
                        global_position  UInt64,
                        delivered_at     DateTime,
                        day              Date,
                        partner_id       String,
                        campaign_id      String,
                        player_id        String,
                        reward_kind      String,
                        reward_reference String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, campaign_id, day, event_id)""", """
                    CREATE TABLE IF NOT EXISTS coupon_redemptions (
                        event_id        String,
                        global_position UInt64,
                        redeemed_at     DateTime,
                        day             Date,
                        partner_id      String,
                        code            String,
                        player_id       String,
                        asset           String,
                        amount_minor    Int64,
                        transaction_id  String
                    ) ENGINE = ReplacingMergeTree()
                    PARTITION BY toYYYYMM(day)
                    ORDER BY (partner_id, code, day, event_id)""")));

    private ClickHouseSchema() {
    }

    /** Applies every version not yet recorded, in order; answers the versions it applied. Safe to repeat. */
    public static List<Integer> apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS chipledger_schema (version UInt32, applied_at DateTime) "
                    + "ENGINE = ReplacingMergeTree() ORDER BY version");
            Set<Integer> applied = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT DISTINCT version FROM chipledger_schema")) {
                while (rows.next()) {
                    applied.add(rows.getInt(1));
                }
            }
            List<Integer> now = new java.util.ArrayList<>();
            for (Version version : VERSIONS) {
                if (applied.contains(version.number())) {
                    continue;
                }
                for (String ddl : version.statements()) {
                    statement.execute(ddl);
                }
                statement.execute("INSERT INTO chipledger_schema (version, applied_at) VALUES (" + version.number() + ", now())");
                now.add(version.number());
            }
            return now;
        }
    }

    /** The newest version. */
    public static int latest() {
        return VERSIONS.get(VERSIONS.size() - 1).number();
    }
}
