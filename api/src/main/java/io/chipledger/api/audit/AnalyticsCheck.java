package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.projection.TrackingGroups;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconciles ClickHouse with the ledger (issue 14): per partner, account and asset, the sum of the
 * {@code postings} table (deduplicated) equals the sum of the replayed events' postings, to the
 * minor unit. Only the events the sink had handled when the verification's snapshot was taken are
 * compared, on both sides: up to its token, without its gaps, without the wallets it parked.
 * Player accounts are summed per partner (not per player), so memory stays bounded by partners,
 * accounts and assets. Without ClickHouse (or a sink token) a note says it was not compared.
 */
final class AnalyticsCheck {

    /** Positions left out by name in the ClickHouse query (gaps, parked wallets' events); past it the check is skipped, noted. */
    static final int EXCLUDED_POSITIONS_MAX = 10_000;

    private final Connection clickHouse;
    private final Failures failures;
    private final ReadModelCheck.Progress sink;
    private final Map<String, BigInteger> expected = new TreeMap<>();
    private final Set<Long> excluded = new TreeSet<>();
    private boolean excludedOverflow;

    private AnalyticsCheck(Connection clickHouse, Failures failures, ReadModelCheck.Progress sink) {
        this.clickHouse = clickHouse;
        this.failures = failures;
        this.sink = sink;
    }

    /** {@code clickHouse} null: analytics is not compared. */
    static AnalyticsCheck of(Connection snapshot, Connection clickHouse, Failures failures) throws SQLException {
        return new AnalyticsCheck(clickHouse, failures, clickHouse == null ? null : ReadModelCheck.progress(snapshot,
                TrackingGroups.ANALYTICS_SINK));
    }

    /** A wallet's event: its postings count when the sink had handled it. */
    void event(String walletId, StoredEvent event, JsonNode payload) {
        if (sink == null || event.globalPosition() > sink.index() || !payload.has("postings")) {
            return;
        }
        if (sink.parked().contains(walletId) || sink.gaps().contains(event.globalPosition())) {
            exclude(event.globalPosition());
            return;
        }
        String partnerId = walletId.substring(0, walletId.indexOf(':'));
        for (JsonNode posting : payload.path("postings")) {
            expected.merge(key(partnerId, posting.path("account").asText(), posting.path("asset").asText()),
                    posting.path("amount_minor").bigIntegerValue(), BigInteger::add);
        }
    }

    private void exclude(long position) {
        if (excluded.size() < EXCLUDED_POSITIONS_MAX) {
            excluded.add(position);
        } else {
            excludedOverflow = true;
        }
    }

    /** After the last event: ClickHouse's sums, compared. */
    void finish(List<String> notes) throws SQLException {
        if (clickHouse == null) {
            notes.add("analytics (ClickHouse) not compared: analytics is off, or ClickHouse did not answer");
            return;
        }
        if (sink.index() < 0 || sink.rebuilding()) {
            notes.add("analytics (ClickHouse) not compared: the sink has not handled any event yet");
            return;
        }
        if (excludedOverflow) {
            notes.add("analytics (ClickHouse) not compared: the sink has more than " + EXCLUDED_POSITIONS_MAX + " gaps or parked events");
            return;
        }
        Map<String, BigInteger> found = new TreeMap<>();
        String leftOut = excluded.isEmpty() ? "" : " AND global_position NOT IN (" + String.join(", ",
                excluded.stream().map(String::valueOf).toList()) + ")";
        try (PreparedStatement query = clickHouse.prepareStatement("SELECT partner_id, account, asset, toString(sum(toDecimal128(amount_minor, 0))) "
                + "FROM postings FINAL WHERE global_position <= ?" + leftOut + " GROUP BY partner_id, account, asset")) {
            query.setLong(1, sink.index());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(key(rows.getString(1), rows.getString(2), rows.getString(3)), new BigInteger(rows.getString(4)));
                }
            }
        }
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(found.keySet());
        for (String key : keys) {
            BigInteger want = expected.getOrDefault(key, BigInteger.ZERO);
            BigInteger got = found.getOrDefault(key, BigInteger.ZERO);
            if (!want.equals(got)) {
                failures.add("(analytics postings " + key + ")", -1, -1, "sum of postings in ClickHouse up to position " + sink.index(),
                        want.toString(), got.toString());
            }
        }
        notes.add("analytics (ClickHouse) compared up to position " + sink.index() + ": " + keys.size()
                + " sums of partner, account and asset");
    }

    private static String key(String partnerId, String account, String asset) {
        return partnerId + " " + account + " " + asset;
    }
}
