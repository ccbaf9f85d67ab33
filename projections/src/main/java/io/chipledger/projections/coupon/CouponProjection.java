package io.chipledger.projections.coupon;

import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.coupon.CouponReward;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Partners' coupons as they stand and their uses (tables {@code coupon} and {@code coupon_redemption},
 * V26), written in each coupon command's transaction (a subscribing group): staff read a new coupon,
 * and a redemption, at once, and the redemption endpoint finds a coupon's terms here. A use is keyed
 * by its event's id and a coupon's use count is the highest use number seen, so handling an event
 * twice (a replay after {@link #reset}) writes nothing twice.
 */
@Component
@ProcessingGroup(CouponProjection.GROUP)
public class CouponProjection {

    public static final String GROUP = "coupons";
    private static final String SELECT = "SELECT partner_id, code, kind, asset, amount_minor, game_id, spin_count, percent_basis_points, "
            + "window_days, cap_minor, expires_at, usage_limit, per_player_limit, segment, status, uses, created_at, created_by, disabled_at, "
            + "disabled_by, disabled_reason FROM coupon";
    private static final String SELECT_REDEMPTION = "SELECT use_number, player_id, player_use_number, transaction_id, partner_transaction_id, "
            + "credited_asset, credited_minor, net_loss_minor, window_from, window_to, segment, redeemed_at, redeemed_by FROM coupon_redemption";

    /** A coupon as the admin API shows it; {@code status} is {@code active} or {@code disabled} (expiry is read from {@code expiresAt}). */
    public record CouponView(String partnerId, String code, CouponReward reward, Instant expiresAt, int usageLimit, int perPlayerLimit,
                             String segment, String status, int uses, Instant createdAt, String createdBy, Instant disabledAt,
                             String disabledBy, String disabledReason) {
    }

    /** One use; the credit (null for free spins) and, for a percentage, the net loss and its window. */
    public record RedemptionView(int useNumber, String playerId, int playerUseNumber, String transactionId, String partnerTransactionId,
                                 String creditedAsset, Long creditedMinor, Long netLossMinor, Instant windowFrom, Instant windowTo,
                                 String segment, Instant redeemedAt, String redeemedBy) {
    }

    private final JdbcTemplate jdbc;

    public CouponProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CouponEvents.Created event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        Terms terms = Terms.of(event.reward());
        jdbc.update("INSERT INTO coupon (partner_id, code, kind, asset, amount_minor, game_id, spin_count, percent_basis_points, window_days, "
                        + "cap_minor, expires_at, usage_limit, per_player_limit, segment, status, uses, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 0, ?, ?) ON CONFLICT (partner_id, code) DO NOTHING",
                event.partnerId(), event.code(), event.reward().kind(), terms.asset, terms.amountMinor, terms.gameId, terms.spinCount,
                terms.percentBasisPoints, terms.windowDays, terms.capMinor, Timestamp.from(event.expiresAt()), event.usageLimit(),
                event.perPlayerLimit(), event.segment(), Timestamp.from(at), actor);
    }

    @EventHandler
    void on(CouponEvents.Redeemed event, @MessageIdentifier String eventId, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        CouponEvents.NetLoss netLoss = event.netLoss();
        jdbc.update("INSERT INTO coupon_redemption (event_id, partner_id, code, use_number, player_id, player_use_number, transaction_id, "
                        + "partner_transaction_id, credited_asset, credited_minor, net_loss_minor, window_from, window_to, segment, redeemed_at, "
                        + "redeemed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                eventId, event.partnerId(), event.code(), event.useNumber(), event.playerId(), event.playerUseNumber(), event.transactionId(),
                event.partnerTransactionId(), event.credited() == null ? null : event.credited().asset(),
                event.credited() == null ? null : event.credited().amountMinor(), netLoss == null ? null : netLoss.netLossMinor(),
                netLoss == null ? null : Timestamp.from(netLoss.windowFrom()), netLoss == null ? null : Timestamp.from(netLoss.windowTo()),
                event.segment(), Timestamp.from(at), actor);
        int updated = jdbc.update("UPDATE coupon SET uses = GREATEST(uses, ?) WHERE partner_id = ? AND code = ?", event.useNumber(),
                event.partnerId(), event.code());
        if (updated != 1) {
            throw new IllegalStateException("a redemption of coupon " + event.code() + " of partner " + event.partnerId()
                    + " before its creation: the coupon's row is missing");
        }
    }

    @EventHandler
    void on(CouponEvents.Disabled event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("UPDATE coupon SET status = 'disabled', disabled_at = ?, disabled_by = ?, disabled_reason = ? "
                + "WHERE partner_id = ? AND code = ?", Timestamp.from(at), actor, event.reason(), event.partnerId(), event.code());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE coupon, coupon_redemption");
    }

    /** The partner's coupon of this code, in any case, if it has one: what a campaign that issues a coupon checks. */
    public Optional<CouponView> coupon(String partnerId, String code) {
        String normalized = Coupon.normalized(code);
        return normalized == null ? Optional.empty()
                : jdbc.query(SELECT + " WHERE partner_id = ? AND code = ?", CouponProjection::view, partnerId, normalized).stream().findFirst();
    }

    /** At most {@code limit} of the partner's coupons by code, after {@code afterCode} (null for the first page). */
    public List<CouponView> coupons(String partnerId, String afterCode, int limit) {
        return afterCode == null
                ? jdbc.query(SELECT + " WHERE partner_id = ? ORDER BY code LIMIT ?", CouponProjection::view, partnerId, limit)
                : jdbc.query(SELECT + " WHERE partner_id = ? AND code > ? ORDER BY code LIMIT ?", CouponProjection::view, partnerId, afterCode,
                        limit);
    }

    /** At most {@code limit} uses of a coupon, in the order they were made, after use number {@code afterUse} (0 for the first page). */
    public List<RedemptionView> redemptions(String partnerId, String code, int afterUse, int limit) {
        return jdbc.query(SELECT_REDEMPTION + " WHERE partner_id = ? AND code = ? AND use_number > ? ORDER BY use_number LIMIT ?",
                (row, i) -> new RedemptionView(row.getInt(1), row.getString(2), row.getInt(3), row.getString(4), row.getString(5),
                        row.getString(6), (Long) row.getObject(7), (Long) row.getObject(8), instant(row.getTimestamp(9)),
                        instant(row.getTimestamp(10)), row.getString(11), row.getTimestamp(12).toInstant(), row.getString(13)),
                partnerId, code, afterUse, limit);
    }

    private static CouponView view(ResultSet row, int index) throws SQLException {
        return new CouponView(row.getString(1), row.getString(2), reward(row), row.getTimestamp(11).toInstant(), row.getInt(12),
                row.getInt(13), row.getString(14), row.getString(15), row.getInt(16), row.getTimestamp(17).toInstant(), row.getString(18),
                instant(row.getTimestamp(19)), row.getString(20), row.getString(21));
    }

    private static CouponReward reward(ResultSet row) throws SQLException {
        String kind = row.getString(3);
        return switch (kind) {
            case "bonus_token" -> new CouponReward.BonusToken(row.getString(4), row.getLong(5));
            case "fixed" -> new CouponReward.Fixed(row.getString(4), row.getLong(5));
            case "free_spins" -> new CouponReward.FreeSpins(row.getString(6), row.getInt(7));
            case "percentage" -> new CouponReward.Percentage(row.getString(4), row.getInt(8), row.getInt(9), row.getLong(10));
            default -> throw new IllegalStateException("a stored coupon of an unknown kind: " + kind);
        };
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A reward's terms as the table's columns: those of its kind, the others null. */
    private record Terms(String asset, Long amountMinor, String gameId, Integer spinCount, Integer percentBasisPoints, Integer windowDays,
                         Long capMinor) {

        static Terms of(CouponReward reward) {
            if (reward instanceof CouponReward.BonusToken tokens) {
                return new Terms(tokens.asset(), tokens.amountMinor(), null, null, null, null, null);
            }
            if (reward instanceof CouponReward.Fixed money) {
                return new Terms(money.asset(), money.amountMinor(), null, null, null, null, null);
            }
            if (reward instanceof CouponReward.FreeSpins spins) {
                return new Terms(null, null, spins.gameId(), spins.count(), null, null, null);
            }
            CouponReward.Percentage percentage = (CouponReward.Percentage) reward;
            return new Terms(percentage.asset(), null, null, null, percentage.percentBasisPoints(), percentage.windowDays(),
                    percentage.capMinor());
        }
    }
}
