package io.chipledger.analytics.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.ScratchClickHouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema on a real ClickHouse (scripts/test.sh starts one and sets CHIPLEDGER_CLICKHOUSE_URL):
 * applied twice it changes nothing the second time, and a posting sent twice counts once.
 */
class ClickHouseSchemaTest {

    private ScratchClickHouse scratch;
    private String database;
    private Connection connection;

    @BeforeEach
    void aDatabaseOfItsOwn() throws SQLException {
        scratch = ScratchClickHouse.create();
        database = scratch.database();
        connection = scratch.connection();
    }

    @AfterEach
    void dropIt() throws SQLException {
        scratch.close();
    }

    @Test
    void appliedTwiceItChangesNothingTheSecondTimeAndAPostingSentTwiceCountsOnce() throws SQLException {
        assertThat(ClickHouseSchema.apply(connection)).containsExactly(1, 2, 3);
        assertThat(ClickHouseSchema.apply(connection)).isEmpty();

        try (Statement statement = connection.createStatement()) {
            for (int sent = 0; sent < 2; sent++) {
                statement.execute("INSERT INTO postings (event_id, posting_index, global_position, occurred_at, day, partner_id, player_id, "
                        + "account, account_kind, asset, amount_minor, transaction_type, transaction_id, game_id, round_id) VALUES "
                        + "('e-1', 0, 7, toDateTime('2026-11-30 10:00:00'), toDate('2026-11-30'), 'p_1', 'alice', 'player:available', "
                        + "'player', 'USD', -1000, 'bet', 't-1', 'slots', 'r-1')");
            }
            try (ResultSet sum = statement.executeQuery("SELECT sum(amount_minor), count() FROM postings FINAL")) {
                sum.next();
                assertThat(sum.getLong(1)).isEqualTo(-1000);
                assertThat(sum.getLong(2)).isEqualTo(1);
            }
            try (ResultSet versions = statement.executeQuery("SELECT count() FROM chipledger_schema FINAL")) {
                versions.next();
                assertThat(versions.getLong(1)).isEqualTo(ClickHouseSchema.latest());
            }
        }
    }

    /** The sink names every column of every table, and only those: the mappings and the DDL cannot drift apart. */
    @Test
    void everyTableTheSinkWritesHasExactlyTheColumnsItsMappingFills() throws SQLException {
        ClickHouseSchema.apply(connection);
        for (SinkTable table : AnalyticsMappings.TABLES) {
            java.util.List<String> columns = new java.util.ArrayList<>();
            try (java.sql.PreparedStatement query = connection.prepareStatement("SELECT name FROM system.columns WHERE database = ? "
                    + "AND table = ?")) {
                query.setString(1, database);
                query.setString(2, table.name());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                    }
                }
            }
            assertThat(columns).as(table.name()).containsExactlyInAnyOrderElementsOf(table.columns());
        }
    }

    /** Rows of every table, written by the sink's own writer twice (a resend), count once, with arrays and nulls intact. */
    @Test
    void rowsOfEveryTableSentTwiceCountOnce() throws SQLException {
        ClickHouseSchema.apply(connection);
        java.time.Instant at = java.time.Instant.parse("2026-11-30T10:15:30.913323846Z"); // a clock's instant, to the nanosecond
        io.chipledger.core.wallet.WalletId alice = new io.chipledger.core.wallet.WalletId("p_1", "alice");
        java.util.List<SinkRow> rows = new java.util.ArrayList<>();
        rows.addAll(AnalyticsMappings.rows(new io.chipledger.core.wallet.PlayRecordedEvent(alice, "t-2", "play-1",
                io.chipledger.core.wallet.Game.DICE, "dice-v1", new io.chipledger.core.wallet.AssetAmount("CHIP", 10),
                java.util.List.of(new io.chipledger.core.wallet.AssetAmount("CHIP", 30)), java.util.Map.of("roll", 6), "a-1",
                java.util.List.of(new io.chipledger.core.ledger.Posting("player:available", "CHIP", 20),
                        new io.chipledger.core.ledger.Posting("system:house", "CHIP", -20)),
                java.util.Map.of("CHIP", new io.chipledger.core.wallet.Balance(120, 0))), "e-1", at));
        rows.addAll(AnalyticsMappings.rows(new io.chipledger.core.profile.PlayerActivityRecordedEvent(
                new io.chipledger.core.profile.PlayerProfileId("p_1", "alice"), "a-2", io.chipledger.core.profile.ActivityType.LOGIN,
                null, java.util.Map.of(), at, io.chipledger.core.profile.ActivitySource.REPORTED), "e-2", at));
        rows.addAll(AnalyticsMappings.rows(new io.chipledger.core.campaign.CampaignRewardDeliveredEvent("p_1", "cmp_1", "alice",
                new io.chipledger.core.campaign.CampaignReward.CouponIssue("WELCOME10"), "Your code: WELCOME10", 1), "e-3", at));
        rows.addAll(AnalyticsMappings.rows(new io.chipledger.core.coupon.CouponEvents.Redeemed("p_1", "WELCOME10", "alice", "t-3",
                "redeem-1", 1, 1, new io.chipledger.core.coupon.CouponReward.FreeSpins("slots", 10), null, null, null), "e-4", at));
        java.util.Map<String, Long> positions = java.util.Map.of("e-1", 41L, "e-2", 42L, "e-3", 43L, "e-4", 44L);

        SinkRows.insert(connection, rows, positions);
        SinkRows.insert(connection, rows, positions);

        try (Statement statement = connection.createStatement();
             ResultSet counts = statement.executeQuery("SELECT (SELECT count() FROM postings FINAL), (SELECT count() FROM transactions FINAL), "
                     + "(SELECT count() FROM plays FINAL), (SELECT count() FROM activity FINAL), "
                     + "(SELECT reward_amounts_minor[1] FROM plays FINAL), (SELECT isNull(value) FROM activity FINAL), "
                     + "(SELECT global_position FROM activity FINAL), (SELECT count() FROM campaign_deliveries FINAL), "
                     + "(SELECT count() FROM coupon_redemptions FINAL), (SELECT global_position FROM coupon_redemptions FINAL)")) {
            counts.next();
            assertThat(new long[] {counts.getLong(1), counts.getLong(2), counts.getLong(3), counts.getLong(4), counts.getLong(5),
                    counts.getLong(6), counts.getLong(7), counts.getLong(8), counts.getLong(9), counts.getLong(10)})
                    .containsExactly(2, 1, 1, 1, 30, 1, 42, 1, 1, 44);
        }
    }
}
