package io.chipledger.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.analytics.report.GgrReport.GroupBy;
import io.chipledger.analytics.report.GgrReport.Line;
import io.chipledger.analytics.ScratchClickHouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GGR report on a real ClickHouse, over postings written by hand so every figure is computed
 * here: bets net of rollbacks, wins, bonuses from the promotions account; tokens, deposits and a
 * posting sent twice do not count.
 */
class GgrReportTest {

    private static final List<String> CURRENCIES = List.of("USD", "EUR");

    private ScratchClickHouse scratch;
    private Connection connection;

    @BeforeEach
    void postingsOfTwoPartners() throws SQLException {
        scratch = ScratchClickHouse.create();
        connection = scratch.connection();
        ClickHouseSchema.apply(connection);
        // p_1, 30 November: a deposit, bets on slots (10.00) and dice (4.00), a 25.00 win on slots, the dice bet rolled back,
        // a 3.00 bonus, 50 CHIP tokens granted, a play that paid 5.55 from the house; 1 December: a 2.00 bet on slots.
        // p_2: a 7.00 bet. p_3: two bets of the largest amount a posting holds, whose sum does not fit 64 bits.
        posting("e1", "p_1", "2026-11-30 09:00:00", "system:cashier", "USD", -10_000, "FundsDeposited", "");
        posting("e2", "p_1", "2026-11-30 10:00:00", "system:house", "USD", 1_000, "BetPlaced", "slots");
        posting("e3", "p_1", "2026-11-30 10:01:00", "system:house", "USD", 400, "BetPlaced", "dice");
        posting("e4", "p_1", "2026-11-30 10:02:00", "system:house", "USD", -2_500, "WinPaid", "slots");
        posting("e5", "p_1", "2026-11-30 10:03:00", "system:house", "USD", -400, "BetRolledBack", "dice");
        posting("e6", "p_1", "2026-11-30 11:00:00", "system:promo", "USD", -300, "BalanceAdjusted", "");
        posting("e7", "p_1", "2026-11-30 11:05:00", "system:promo", "CHIP", -50, "TokensGranted", "");
        posting("e8", "p_1", "2026-12-01 08:00:00", "system:house", "USD", 200, "BetPlaced", "slots");
        posting("e2", "p_1", "2026-11-30 10:00:00", "system:house", "USD", 1_000, "BetPlaced", "slots"); // sent again
        posting("e9", "p_2", "2026-11-30 12:00:00", "system:house", "EUR", 700, "BetPlaced", "slots");
        posting("e10", "p_1", "2026-11-30 12:00:00", "system:house", "USD", -555, "PlayRecorded", ""); // a play's 5.55 reward
        posting("big1", "p_3", "2026-11-30 12:00:00", "system:house", "KRW", Long.MAX_VALUE, "BetPlaced", "whale");
        posting("big2", "p_3", "2026-11-30 12:00:01", "system:house", "KRW", Long.MAX_VALUE, "BetPlaced", "whale");
    }

    @AfterEach
    void dropIt() throws SQLException {
        scratch.close();
    }

    @Test
    void byGameBetsAreNetOfRollbacksAndBonusesBelongToNoGame() throws SQLException {
        List<Line> lines = GgrReport.byDay(connection, "p_1", LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-02"), GroupBy.GAME,
                CURRENCIES);

        assertThat(lines).containsExactly(
                line("p_1", "", "USD", 0, 555, -555, 300, -855),
                line("p_1", "dice", "USD", 0, 0, 0, 0, 0),
                line("p_1", "slots", "USD", 1_200, 2_500, -1_300, 0, -1_300));
    }

    @Test
    void byDayAndByCurrencyTheFiguresAddUpAndEveryPartnerIsSeparate() throws SQLException {
        List<Line> byDay = GgrReport.byDay(connection, "p_1", LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-02"), GroupBy.DAY,
                CURRENCIES);
        List<Line> everyone = GgrReport.byDay(connection, null, LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"),
                GroupBy.CURRENCY, CURRENCIES);

        assertThat(byDay).containsExactly(
                line("p_1", "2026-11-30", "USD", 1_000, 3_055, -2_055, 300, -2_355),
                line("p_1", "2026-12-01", "USD", 200, 0, 200, 0, 200));
        assertThat(everyone).containsExactly(
                line("p_1", "", "USD", 1_000, 3_055, -2_055, 300, -2_355),
                line("p_2", "", "EUR", 700, 0, 700, 0, 700));
    }

    @Test
    void totalsSplitAtAnInstantCountEachPostingOnce() throws SQLException {
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        Instant change = Instant.parse("2026-11-30T10:02:00Z");
        Instant end = Instant.parse("2026-12-02T00:00:00Z");

        List<Line> before = GgrReport.totals(connection, "p_1", start, change, CURRENCIES);
        List<Line> after = GgrReport.totals(connection, "p_1", change, end, CURRENCIES);

        assertThat(before).containsExactly(line("p_1", "", "USD", 1_400, 0, 1_400, 0, 1_400));
        assertThat(after).containsExactly(line("p_1", "", "USD", -200, 3_055, -3_255, 300, -3_555));
    }

    @Test
    void sumsPast64BitsAreExact() throws SQLException {
        List<Line> whale = GgrReport.byDay(connection, "p_3", LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"), GroupBy.CURRENCY,
                List.of("KRW"));

        java.math.BigInteger twice = java.math.BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1);
        assertThat(whale).containsExactly(new Line("p_3", "", "KRW", twice, java.math.BigInteger.ZERO, twice, java.math.BigInteger.ZERO,
                twice));
    }

    private static Line line(String partnerId, String key, String currency, long bets, long wins, long ggr, long bonuses, long ngr) {
        return new Line(partnerId, key, currency, java.math.BigInteger.valueOf(bets), java.math.BigInteger.valueOf(wins),
                java.math.BigInteger.valueOf(ggr), java.math.BigInteger.valueOf(bonuses), java.math.BigInteger.valueOf(ngr));
    }

    private void posting(String eventId, String partnerId, String at, String account, String asset, long amountMinor, String type,
                         String gameId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int index = 0; index < 2; index++) {
                String side = index == 0 ? account : "player:available";
                long amount = index == 0 ? amountMinor : -amountMinor;
                statement.execute("INSERT INTO postings (event_id, posting_index, global_position, occurred_at, day, partner_id, player_id, "
                        + "account, account_kind, asset, amount_minor, transaction_type, transaction_id, game_id, round_id) VALUES ('"
                        + eventId + "', " + index + ", 1, toDateTime('" + at + "'), toDate('" + at.substring(0, 10) + "'), '" + partnerId
                        + "', 'alice', '" + side + "', '" + (index == 0 ? "system" : "player") + "', '" + asset + "', " + amount + ", '"
                        + type + "', 't-" + eventId + "', '" + gameId + "', '')");
            }
        }
    }
}
