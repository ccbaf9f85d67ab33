package io.chipledger.analytics.report;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How a campaign converted (issue 20), from ClickHouse: the players it delivered to, those who then
 * played (a bet or a staked play within {@code withinDays} days after their own delivery), and
 * their turnover per asset (the stakes the house took from them in that window, rollbacks not
 * subtracted).
 *
 * <p>A delivery is the player's {@code RewardReceived} transaction whose partner transaction id is
 * the delivery's key, {@code campaign:<campaign_id>:<player_id>}: a key only the ledger mints (a
 * partner's may not start with {@code campaign:}), one per player and campaign. Rows are read
 * {@code FINAL}, so a row the sink wrote twice counts once. Plain SQL of ClickHouse 18.16: no
 * CTEs, the join by {@code USING}.
 */
public final class CampaignConversion {

    /** The longest window after a delivery that counts: a campaign lasts at most 90 days, its effect is read within as long. */
    public static final int WITHIN_DAYS_MAX = 90;
    private static final long SECONDS_PER_DAY = 86_400;

    /** One asset the converted players staked: how many staked it and how much, in its minor units. */
    public record Turnover(String asset, long players, BigInteger stakesMinor, long stakes) {
    }

    /** The campaign's figures; {@code played} counts each player once, whatever they staked. */
    public record Figures(long delivered, long played, List<Turnover> turnover) {
    }

    private CampaignConversion() {
    }

    /**
     * The figures of one campaign of {@code partnerId}, whose period started at {@code startsAt}
     * (no delivery is older, so older days are not read).
     */
    public static Figures of(Connection clickHouse, String partnerId, String campaignId, Instant startsAt, int withinDays)
            throws SQLException {
        if (withinDays < 1 || withinDays > WITHIN_DAYS_MAX) {
            throw new IllegalArgumentException("withinDays is 1.." + WITHIN_DAYS_MAX);
        }
        String fromDay = startsAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String deliveries = "SELECT player_id, min(occurred_at) AS delivered_at FROM transactions FINAL WHERE partner_id = ? "
                + "AND day >= toDate(?) AND transaction_type = 'RewardReceived' AND partner_transaction_id = concat(?, player_id) "
                + "GROUP BY player_id";
        String keyPrefix = "campaign:" + campaignId + ":";
        long delivered;
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT count() FROM (" + deliveries + ")")) {
            bind(query, partnerId, fromDay, keyPrefix);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                delivered = row.getLong(1);
            }
        }
        // The window is a whole number of days checked above, so it is written into the statement as seconds.
        String stakesAfterDelivery = " FROM postings FINAL ANY INNER JOIN (" + deliveries + ") USING (player_id) WHERE partner_id = ? "
                + "AND day >= toDate(?) AND account = 'system:house' AND amount_minor > 0 AND transaction_type IN ('BetPlaced', 'PlayRecorded') "
                + "AND occurred_at >= delivered_at AND occurred_at < delivered_at + " + withinDays * SECONDS_PER_DAY;
        long played;
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT uniqExact(player_id)" + stakesAfterDelivery)) {
            bind(query, partnerId, fromDay, keyPrefix, partnerId, fromDay);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                played = row.getLong(1);
            }
        }
        List<Turnover> turnover = new ArrayList<>();
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT asset, uniqExact(player_id), "
                + "toString(sum(toDecimal128(amount_minor, 0))), count()" + stakesAfterDelivery + " GROUP BY asset ORDER BY asset")) {
            bind(query, partnerId, fromDay, keyPrefix, partnerId, fromDay);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    turnover.add(new Turnover(row.getString(1), row.getLong(2), new BigInteger(row.getString(3)), row.getLong(4)));
                }
            }
        }
        return new Figures(delivered, played, turnover);
    }

    private static void bind(PreparedStatement query, String... values) throws SQLException {
        for (int index = 0; index < values.length; index++) {
            query.setString(index + 1, values[index]);
        }
    }
}
