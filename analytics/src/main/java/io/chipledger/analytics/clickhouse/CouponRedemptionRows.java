package io.chipledger.analytics.clickhouse;

import io.chipledger.core.coupon.CouponEvents;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code coupon_redemptions} table: one row per use of a coupon by a player, at the time the
 * ledger recorded it, with what the player was credited ({@code asset}, {@code amount_minor} in
 * its minor units); a free-spins coupon credits nothing (its entitlement is the event): empty
 * asset and 0.
 */
public final class CouponRedemptionRows {

    public static final SinkTable TABLE = new SinkTable("coupon_redemptions", List.of("event_id", "global_position", "redeemed_at", "day",
            "partner_id", "code", "player_id", "asset", "amount_minor", "transaction_id"));

    private CouponRedemptionRows() {
    }

    static List<SinkRow> of(CouponEvents.Redeemed redemption, String eventId, Instant recordedAt) {
        List<Object> values = new java.util.ArrayList<>(List.of(recordedAt, recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                redemption.partnerId(), redemption.code(), redemption.playerId()));
        values.add(redemption.credited() == null ? "" : redemption.credited().asset());
        values.add(redemption.credited() == null ? 0L : redemption.credited().amountMinor());
        values.add(redemption.transactionId());
        return List.of(new SinkRow(TABLE, eventId, values));
    }
}
