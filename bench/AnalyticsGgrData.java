import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Ten million realistic rows of the sink's {@code postings} table, made by ClickHouse itself in one
 * {@code INSERT ... SELECT} from {@code numbers(events)} (generating them in Java and sending them
 * through the driver would take minutes, and this table is what the sink writes: see
 * {@code AnalyticsBench.sink} for the sink's own speed). Used by {@code AnalyticsBench.java}'s
 * {@code ggr} phase; bench/analytics.sh compiles it.
 *
 * <p>Each event {@code e} gets two postings that sum to zero, in the order the wallet writes them
 * (the account paying first): 5% deposits (cashier to player), 50% bets (player to house), 40%
 * wins (house to player, 0.10x to 2.04x a stake, so the house keeps about 5%) and 5% rollbacks
 * (house to player). Players belong to five partners of unequal size (40, 25, 15, 12 and 8% of
 * them) and each plays in one currency: USD for half of them, EUR for a third, KRW for a sixth;
 * bets are spread over 30 games, and the events evenly over {@code days} days. Deterministic: the
 * values come from {@code intHash64} of the event number.
 */
public final class AnalyticsGgrData {

    private AnalyticsGgrData() {
    }

    public static String fill(long events, int players, LocalDate firstDay, int days) {
        long start = firstDay.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long span = days * 86_400L;
        return String.format(Locale.ROOT, """
                INSERT INTO postings (event_id, posting_index, global_position, occurred_at, day, partner_id, player_id, account, account_kind,
                                      asset, amount_minor, transaction_type, transaction_id, game_id, round_id)
                SELECT event_id, posting_index, e + 1, occurred_at, toDate(occurred_at), partner_id, concat('player-', toString(player)),
                       if(posting_index = player_index, 'player:available', if(kind = 0, 'system:cashier', 'system:house')),
                       if(posting_index = player_index, 'player', 'system'),
                       asset,
                       if(posting_index = player_index, player_amount, -player_amount),
                       arrayElement(['FundsDeposited', 'BetPlaced', 'WinPaid', 'BetRolledBack'], kind + 1),
                       UUIDNumToString(toFixedString(concat(reinterpretAsString(intHash64(e + 17)), reinterpretAsString(intHash64(e + 19))), 16)),
                       if(kind = 0, '', concat('game-', toString(intHash64(e * 11 + 4) %% 30))),
                       if(kind = 0, '', concat('round-', toString(intDiv(e, 2))))
                FROM (
                    SELECT number AS e,
                           UUIDNumToString(toFixedString(concat(reinterpretAsString(intHash64(e)), reinterpretAsString(intHash64(e + 7))), 16)) AS event_id,
                           toDateTime(%d + intDiv(e * %d, %d)) AS occurred_at,
                           intHash64(e * 3 + 1) %% %d AS player,
                           multiIf(player %% 100 < 40, 'partner-a', player %% 100 < 65, 'partner-b', player %% 100 < 80, 'partner-c',
                                   player %% 100 < 92, 'partner-d', 'partner-e') AS partner_id,
                           arrayElement(['USD', 'USD', 'USD', 'EUR', 'EUR', 'KRW'], intDiv(player, 100) %% 6 + 1) AS asset,
                           if(asset = 'KRW', 10, 1) AS unit,
                           intHash64(e * 5 + 2) %% 100 AS kind_draw,
                           multiIf(kind_draw < 5, 0, kind_draw < 55, 1, kind_draw < 95, 2, 3) AS kind,
                           (10 + intHash64(e * 7 + 3) %% 4990) * unit AS stake,
                           multiIf(kind = 0, toInt64((10000 + intHash64(e * 13 + 5) %% 90000) * unit),
                                   kind = 1, -toInt64(stake),
                                   kind = 2, toInt64(intDiv(stake * (10 + intHash64(e * 17 + 6) %% 195), 100)),
                                   toInt64(stake)) AS player_amount,
                           if(kind = 1, 0, 1) AS player_index
                    FROM numbers(%d)
                ) ARRAY JOIN [0, 1] AS posting_index""", start, span, events, players, events);
    }

    /** What the table holds, as one line for the report: partners, players, games, currencies, days, size on disk. */
    public static String describe(Connection clickHouse, String database) throws SQLException {
        try (Statement statement = clickHouse.createStatement()) {
            String size;
            try (ResultSet row = statement.executeQuery("SELECT formatReadableSize(sum(data_compressed_bytes)) FROM system.parts "
                    + "WHERE database = '" + database + "' AND table = 'postings' AND active")) {
                row.next();
                size = row.getString(1);
            }
            try (ResultSet row = statement.executeQuery("SELECT uniqExact(partner_id), uniqExact(player_id), uniqExact(game_id) - 1, "
                    + "arrayStringConcat(arraySort(groupUniqArray(asset)), ' '), uniqExact(day), min(day), max(day) FROM postings")) {
                row.next();
                return String.format(Locale.ROOT, "%d partners, %,d players, %d games, currencies %s, %d days (%s to %s), %s on disk",
                        row.getInt(1), row.getLong(2), row.getInt(3), row.getString(4), row.getInt(5), row.getString(6), row.getString(7), size);
            }
        }
    }
}
