package io.chipledger.analytics.report;

import io.chipledger.analytics.clickhouse.CampaignDeliveryRows;
import io.chipledger.core.campaign.CampaignReward;
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
 * played (a bet or a staked play within {@code withinDays} days after their own delivery), their
 * turnover per asset (the stakes the house took from them in that window, rollbacks not
 * subtracted) and, for a coupon issue, those who redeemed the campaign's coupon in that window.
 *
 * <p>A delivery is the campaign's row of {@code campaign_deliveries} for the player (one per player
 * and campaign, the ledger stores each once), whatever its reward: a coupon issue or a blank pool
 * draw moves no money, so only the delivery's event shows it. Rows are read {@code FINAL}, so a
 * row the sink wrote twice counts once. Plain SQL of ClickHouse 18.16: no CTEs, joins by
 * {@code USING}.
 */
public final class CampaignConversion {

    /** The longest window after a delivery that counts: a campaign lasts at most 90 days, its effect is read within as long. */
    public static final int WITHIN_DAYS_MAX = 90;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final String DELIVERIES = "SELECT player_id, min(delivered_at) AS delivered_at FROM campaign_deliveries FINAL "
            + "WHERE partner_id = ? AND campaign_id = ? AND day >= toDate(?) GROUP BY player_id";

    /** One asset the converted players staked: how many staked it and how much, in its minor units. */
    public record Turnover(String asset, long players, BigInteger stakesMinor, long stakes) {
    }

    /**
     * The campaign's figures; {@code played} and {@code redeemed} count each player once.
     * {@code redeemed} is null unless the campaign's reward is a coupon issue.
     */
    public record Figures(long delivered, long played, List<Turnover> turnover, Long redeemed) {
    }

    private CampaignConversion() {
    }

    /**
     * The figures of one campaign of {@code partnerId}, whose period started at {@code startsAt}
     * (no delivery is older, so older days are not read) and whose reward is {@code reward}.
     */
    public static Figures of(Connection clickHouse, String partnerId, String campaignId, CampaignReward reward, Instant startsAt,
                             int withinDays) throws SQLException {
        if (withinDays < 1 || withinDays > WITHIN_DAYS_MAX) {
            throw new IllegalArgumentException("withinDays is 1.." + WITHIN_DAYS_MAX);
        }
        String fromDay = startsAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
        long delivered = count(clickHouse, "SELECT count() FROM (" + DELIVERIES + ")", partnerId, campaignId, fromDay);
        String stakesAfterDelivery = " FROM postings FINAL ANY INNER JOIN (" + DELIVERIES + ") USING (player_id) WHERE partner_id = ? "
                + "AND day >= toDate(?) AND account = 'system:house' AND amount_minor > 0 AND transaction_type IN ('BetPlaced', 'PlayRecorded')"
                + afterDelivery("occurred_at", withinDays);
        long played = count(clickHouse, "SELECT uniqExact(player_id)" + stakesAfterDelivery, partnerId, campaignId, fromDay, partnerId, fromDay);
        List<Turnover> turnover = new ArrayList<>();
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT asset, uniqExact(player_id), "
                + "toString(sum(toDecimal128(amount_minor, 0))), count()" + stakesAfterDelivery + " GROUP BY asset ORDER BY asset")) {
            bind(query, partnerId, campaignId, fromDay, partnerId, fromDay);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    turnover.add(new Turnover(row.getString(1), row.getLong(2), new BigInteger(row.getString(3)), row.getLong(4)));
                }
            }
        }
        Long redeemed = null;
        if (reward instanceof CampaignReward.CouponIssue) {
            redeemed = count(clickHouse, "SELECT uniqExact(player_id) FROM coupon_redemptions FINAL ANY INNER JOIN (" + DELIVERIES
                    + ") USING (player_id) WHERE partner_id = ? AND code = ? AND day >= toDate(?)" + afterDelivery("redeemed_at", withinDays),
                    partnerId, campaignId, fromDay, partnerId, CampaignDeliveryRows.reference(reward), fromDay);
        }
        return new Figures(delivered, played, turnover, redeemed);
    }

    /** The condition that {@code column} is within the window from the player's own delivery, at or after it. */
    private static String afterDelivery(String column, int withinDays) {
        // The window is a whole number of days checked by the caller, so it is written into the statement as seconds.
        return " AND " + column + " >= delivered_at AND " + column + " < delivered_at + " + withinDays * SECONDS_PER_DAY;
    }

    private static long count(Connection clickHouse, String sql, String... values) throws SQLException {
        try (PreparedStatement query = clickHouse.prepareStatement(sql)) {
            bind(query, values);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement query, String... values) throws SQLException {
        for (int index = 0; index < values.length; index++) {
            query.setString(index + 1, values[index]);
        }
    }
}
