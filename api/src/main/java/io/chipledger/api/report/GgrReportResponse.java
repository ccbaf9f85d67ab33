package io.chipledger.api.report;

import io.chipledger.analytics.report.GgrReport;
import java.util.List;

/**
 * The gross gaming revenue report: one line per partner, group (day or game) and currency.
 * Amounts are decimal strings in the currency's unit ({@code "12.50"}), exact.
 *
 * @param from    the first day, inclusive (ISO date, UTC)
 * @param to      the day after the last, exclusive
 * @param groupBy {@code day}, {@code game} or {@code currency}
 * @param writtenThroughPosition the ledger position up to which the sink had written every event when the report was read:
 *                               the figures hold at least those (positions are those of the command answers)
 * @param eventsBehind           events stored after that position, which later reports will count (0: the figures are current)
 */
public record GgrReportResponse(String from, String to, String groupBy, long writtenThroughPosition, long eventsBehind, List<GgrLine> lines)
        implements CsvTable {

    /**
     * One line: {@code bets} staked net of rollbacks, {@code wins} paid, {@code ggr = bets - wins},
     * {@code bonuses} given from the promotions account, {@code ngr = ggr - bonuses}.
     *
     * @param day    the UTC day; only when grouped by day
     * @param gameId the game; only when grouped by game, and {@code ""} for bonuses, which belong to no game
     */
    public record GgrLine(String partnerId, String day, String gameId, String currency,
                       String bets, String wins, String ggr, String bonuses, String ngr) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("partner_id", "day", "game_id", "currency", "bets", "wins", "ggr", "bonuses", "ngr");
    }

    @Override
    public List<List<String>> csvRows() {
        return lines.stream().map(line -> java.util.Arrays.asList(line.partnerId(), line.day(), line.gameId(), line.currency(), line.bets(),
                line.wins(), line.ggr(), line.bonuses(), line.ngr())).toList();
    }
}
