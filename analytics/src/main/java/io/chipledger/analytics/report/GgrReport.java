package io.chipledger.analytics.report;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gross and net gaming revenue from ClickHouse's {@code postings} table, to the minor unit.
 *
 * <p>The house account ({@code system:house}) takes every stake and pays every win, so its
 * postings are the revenue, all of them: {@code ggr} is their sum, and so always equals what the
 * house account gained in the currency (the verifier reconciles that account with the ledger).
 * {@code bets} are the stakes it took, net of the bets rolled back (a rollback cancels its bet),
 * and any other money into the house (a play's stake); {@code wins} what it paid out: wins, and a
 * play's rewards. {@code bonuses} are what the promotions account ({@code system:promo}) gave players
 * in the currency, and {@code ngr = ggr - bonuses}. Only the money assets the caller names count
 * (tokens are not revenue).
 *
 * <p>Sums are taken as 128-bit decimals and answered as {@link BigInteger}: every posting fits 64
 * bits, but a sum of many need not. Rows are read {@code FINAL}, so a posting written twice (a
 * resend) counts once. A period is {@code [from, to)}: whole UTC days ({@link #byDay}) or instants
 * ({@link #totals}, for a settlement split at a commission rate's change).
 */
public final class GgrReport {

    /** How the lines are grouped, besides partner and currency. */
    public enum GroupBy {
        DAY("toString(day)"), GAME("game_id"), CURRENCY("''");

        private final String key;

        GroupBy(String key) {
            this.key = key;
        }
    }

    /**
     * One line of the report, amounts in minor units of {@code currency}.
     *
     * @param key the day ({@code 2026-11-30}), the game id ({@code ""} for bonuses, which belong to no
     *            game) or {@code ""} when grouped by currency only
     */
    public record Line(String partnerId, String key, String currency, BigInteger betsMinor, BigInteger winsMinor, BigInteger ggrMinor,
                       BigInteger bonusesMinor, BigInteger ngrMinor) {
    }

    /** The most lines one report answers; past it the caller narrows the period or the grouping. */
    public static final int LINES_MAX = 10_000;

    /** The house's bets and rollbacks, and any other money into it; its wins, and any other money out. */
    private static final String BET = "transaction_type IN ('BetPlaced', 'BetRolledBack') "
            + "OR (transaction_type NOT IN ('BetPlaced', 'BetRolledBack', 'WinPaid') AND amount_minor > 0)";
    private static final String FIGURES = "toString(sumIf(toDecimal128(amount_minor, 0), account = 'system:house' AND (" + BET + "))) AS bets, "
            + "toString(-sumIf(toDecimal128(amount_minor, 0), account = 'system:house' AND NOT (" + BET + "))) AS wins, "
            + "toString(-sumIf(toDecimal128(amount_minor, 0), account = 'system:promo')) AS bonuses";
    private static final String REVENUE = "account IN ('system:house', 'system:promo')";

    private static final java.time.format.DateTimeFormatter SECOND = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private GgrReport() {
    }

    /**
     * The lines of the whole days {@code [from, to)}, for one partner or (null) all, ordered by
     * partner, key and currency; at most {@link #LINES_MAX} + 1, so a caller sees it was cut.
     */
    public static List<Line> byDay(Connection clickHouse, String partnerId, LocalDate from, LocalDate to, GroupBy groupBy,
                                   List<String> currencies) throws SQLException {
        String sql = "SELECT partner_id, " + groupBy.key + " AS key, asset, " + FIGURES + " FROM postings FINAL "
                + "WHERE day >= toDate(?) AND day < toDate(?)" + (partnerId == null ? "" : " AND partner_id = ?")
                + " AND asset IN (" + marks(currencies.size()) + ") AND " + REVENUE
                + " GROUP BY partner_id, key, asset ORDER BY partner_id, key, asset LIMIT " + (LINES_MAX + 1);
        List<Object> parameters = new ArrayList<>(List.of(from.toString(), to.toString()));
        if (partnerId != null) {
            parameters.add(partnerId);
        }
        parameters.addAll(currencies);
        return lines(clickHouse, sql, parameters);
    }

    /** One partner's lines per currency over the instants {@code [from, to)} (whole seconds: a rate's change applies from the second it was made in). */
    public static List<Line> totals(Connection clickHouse, String partnerId, Instant from, Instant to, List<String> currencies)
            throws SQLException {
        String sql = "SELECT partner_id, '' AS key, asset, " + FIGURES + " FROM postings FINAL "
                + "WHERE partner_id = ? AND day >= toDate(?) AND day <= toDate(?) AND occurred_at >= toDateTime(?) AND occurred_at < toDateTime(?)"
                + " AND asset IN (" + marks(currencies.size()) + ") AND " + REVENUE + " GROUP BY partner_id, key, asset ORDER BY asset";
        List<Object> parameters = new ArrayList<>(List.of(partnerId, utcDay(from), utcDay(to), utcSecond(from), utcSecond(to)));
        parameters.addAll(currencies);
        return lines(clickHouse, sql, parameters);
    }

    private static List<Line> lines(Connection clickHouse, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement query = clickHouse.prepareStatement(sql)) {
            for (int index = 0; index < parameters.size(); index++) {
                query.setString(index + 1, parameters.get(index).toString());
            }
            List<Line> lines = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    BigInteger bets = new BigInteger(row.getString(4));
                    BigInteger wins = new BigInteger(row.getString(5));
                    BigInteger bonuses = new BigInteger(row.getString(6));
                    BigInteger ggr = bets.subtract(wins);
                    lines.add(new Line(row.getString(1), row.getString(2), row.getString(3), bets, wins, ggr, bonuses, ggr.subtract(bonuses)));
                }
            }
            return lines;
        }
    }

    private static String marks(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("a report names at least one currency");
        }
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String utcDay(Instant at) {
        return at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** ClickHouse's DateTime text, in UTC: the sink writes UTC times (the server's zone is UTC). */
    private static String utcSecond(Instant at) {
        return SECOND.format(at);
    }
}
