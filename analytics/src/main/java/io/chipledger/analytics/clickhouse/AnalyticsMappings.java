package io.chipledger.analytics.clickhouse;

import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.profile.PlayerActivityRecordedEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ClickHouse sink writes for each event: the one place that says it. A mapping names a
 * kind of event and makes its rows for one table; every mapping whose kind an event is applies
 * (a play is a money event too: postings, a transaction and a play). A new event type, or a new
 * table, is one line here and its rows' class, never a new pipeline.
 */
public final class AnalyticsMappings {

    /** The rows of one kind of event ({@code type}, or any subtype) for one table. */
    private record Mapping<E>(Class<E> type, Rows<E> rows) {

        List<SinkRow> apply(Object payload, String eventId, Instant recordedAt) {
            return type.isInstance(payload) ? rows.of(type.cast(payload), eventId, recordedAt) : List.of();
        }
    }

    @FunctionalInterface
    private interface Rows<E> {
        List<SinkRow> of(E event, String eventId, Instant recordedAt);
    }

    private static final List<Mapping<?>> MAPPINGS = List.of(
            new Mapping<>(MoneyMovedEvent.class, PostingRows::of),
            new Mapping<>(MoneyMovedEvent.class, TransactionRows::of),
            new Mapping<>(PlayRecordedEvent.class, PlayRows::of),
            new Mapping<>(PlayerActivityRecordedEvent.class, ActivityRows::of),
            new Mapping<>(CampaignRewardDeliveredEvent.class, CampaignDeliveryRows::of),
            new Mapping<>(CouponEvents.Redeemed.class, CouponRedemptionRows::of));

    /** Every table the sink writes. */
    public static final List<SinkTable> TABLES = List.of(PostingRows.TABLE, TransactionRows.TABLE, PlayRows.TABLE, ActivityRows.TABLE,
            CampaignDeliveryRows.TABLE, CouponRedemptionRows.TABLE);

    private AnalyticsMappings() {
    }

    /**
     * The rows of one stored event ({@code payload}, its id and the time the ledger recorded it),
     * each checked ({@link SinkRows#check}); none for an event analytics does not keep.
     *
     * @throws IllegalArgumentException when the event makes a row ClickHouse could not take
     */
    public static List<SinkRow> rows(Object payload, String eventId, Instant recordedAt) {
        List<SinkRow> rows = new ArrayList<>();
        for (Mapping<?> mapping : MAPPINGS) {
            rows.addAll(mapping.apply(payload, eventId, recordedAt));
        }
        rows.forEach(SinkRows::check);
        return rows;
    }
}
