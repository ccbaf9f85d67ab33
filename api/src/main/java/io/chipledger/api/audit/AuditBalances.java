package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.ledger.Posting;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Balances at any point of the history, from the events alone: the sum, per account and asset,
 * of the postings of every event stored up to that point. No read model and no aggregate code is
 * asked, only the rows of {@code domain_event_entry}, so the figure stands on the history itself
 * (issue 13, "point in time"). The point is an instant ({@code at}) or a global position
 * ({@code position}): the position a command answered gives exactly the balances it answered,
 * even when other commands on the same wallet landed within the same millisecond. Sums are exact
 * (a promo account can pass 64 bits over the years); a row that does not read is named, not summed.
 */
@Component
class AuditBalances {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final AssetRegistry assets;

    AuditBalances(JdbcTemplate jdbc, AssetRegistry assets) {
        this.jdbc = jdbc;
        this.assets = assets;
    }

    /** Up to where the history is summed: events stored at or before {@code at}, or at or before global position {@code position}. */
    record Point(Instant at, Long position) {

        boolean includes(Instant storedAt, long storedPosition) {
            return position != null ? storedPosition <= position : !storedAt.isAfter(at);
        }
    }

    /** One asset's balances, in decimal text at the asset's scale. */
    record AssetBalances(String available, String reserved) {
    }

    /**
     * The wallet's balances at the point: each asset it held by then; {@code eventsCounted} events up
     * to sequence {@code throughSequence} (null when the wallet had no event yet).
     */
    record BalancesAt(Instant at, Long position, Map<String, AssetBalances> balances, long eventsCounted, Long throughSequence) {
    }

    BalancesAt of(String walletId, Point point) {
        Map<List<String>, BigInteger> sums = sums();
        long[] counted = {0};
        Long[] through = {null};
        jdbc.query("SELECT aggregate_identifier, sequence_number, global_index, time_stamp, payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", row -> {
            if (add(row, point, sums, account -> account.equals(Posting.PLAYER_AVAILABLE) || account.equals(Posting.PLAYER_RESERVED))) {
                counted[0]++;
                through[0] = row.getLong(2);
            }
        }, walletId);
        Map<String, AssetBalances> balances = new TreeMap<>();
        sums.forEach((key, sum) -> {
            AssetBalances before = balances.getOrDefault(key.get(1), new AssetBalances(decimal(BigInteger.ZERO, key.get(1)),
                    decimal(BigInteger.ZERO, key.get(1))));
            balances.put(key.get(1), key.get(0).equals(Posting.PLAYER_AVAILABLE)
                    ? new AssetBalances(decimal(sum, key.get(1)), before.reserved())
                    : new AssetBalances(before.available(), decimal(sum, key.get(1))));
        });
        return new BalancesAt(point.at(), point.position(), balances, counted[0], through[0]);
    }

    /** One system account's balance in one asset, as the admin API's system accounts show it. */
    record SystemAccountAt(String account, String currency, String balance) {
    }

    /** A partner's system accounts at the point, from {@code eventsCounted} events of its wallets. */
    record SystemAccountsAt(Instant at, Long position, List<SystemAccountAt> accounts, long eventsCounted) {
    }

    /**
     * The partner's system accounts ({@code system:house}, {@code system:cashier}...) at the point:
     * the postings to them of every event of the partner's wallets stored by then. It reads every
     * event of the partner's wallets: an audit question, not a dashboard.
     */
    SystemAccountsAt systemAccounts(String partnerId, Point point) {
        Map<List<String>, BigInteger> sums = sums();
        long[] counted = {0};
        String walletPrefix = partnerId + ":";
        jdbc.query("SELECT aggregate_identifier, sequence_number, global_index, time_stamp, payload FROM domain_event_entry "
                + "WHERE left(aggregate_identifier, ?) = ?", row -> {
            if (add(row, point, sums, account -> account.startsWith("system:"))) {
                counted[0]++;
            }
        }, walletPrefix.length(), walletPrefix);
        List<SystemAccountAt> accounts = new ArrayList<>();
        sums.forEach((key, sum) -> accounts.add(new SystemAccountAt(key.get(0), key.get(1), decimal(sum, key.get(1)))));
        return new SystemAccountsAt(point.at(), point.position(), accounts, counted[0]);
    }

    private interface AccountFilter {
        boolean counts(String account);
    }

    /** (account, asset) in order. */
    private static Map<List<String>, BigInteger> sums() {
        return new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1)));
    }

    /** Adds one stored event's postings to the accounts {@code filter} counts, when the event is within the point. */
    private static boolean add(ResultSet row, Point point, Map<List<String>, BigInteger> sums, AccountFilter filter) throws SQLException {
        String aggregateId = row.getString(1);
        long sequence = row.getLong(2);
        Instant storedAt;
        try {
            // Stored times are ISO-8601 text of varying precision: compared as instants, not as text.
            storedAt = Instant.parse(row.getString(4));
        } catch (RuntimeException unreadable) {
            throw new UnreadableHistoryException(aggregateId, sequence, "its time");
        }
        if (!point.includes(storedAt, row.getLong(3))) {
            return false;
        }
        JsonNode postings;
        try {
            postings = JSON.readTree(row.getBytes(5)).path("postings");
        } catch (IOException unreadable) {
            throw new UnreadableHistoryException(aggregateId, sequence, "its payload");
        }
        for (JsonNode posting : postings) {
            String account = posting.path("account").asText();
            JsonNode amount = posting.path("amount_minor");
            if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
                throw new UnreadableHistoryException(aggregateId, sequence, "a posting's amount");
            }
            if (filter.counts(account)) {
                sums.merge(List.of(account, posting.path("asset").asText()), amount.bigIntegerValue(), BigInteger::add);
            }
        }
        return true;
    }

    private String decimal(BigInteger minor, String code) {
        try {
            return AmountFormat.toDecimalString(minor, assets.require(code));
        } catch (AssetRegistry.UnknownAssetException notConfigured) {
            // The history is right; the configuration lost the asset's scale: say so, not "bad request".
            throw new UnreadableHistoryException("the history holds " + code + ", which chipledger.assets no longer configures: "
                    + "its scale is unknown");
        }
    }
}
