package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.ledger.Posting;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A wallet's balances at any instant, from its events alone: the sum, per asset, of the postings
 * to the player's accounts of every event stored at or before that instant. No read model and no
 * aggregate code is asked, only the rows of {@code domain_event_entry}, so the figure stands on
 * the history itself (issue 13, "point in time").
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

    /** One asset's balances, in decimal text at the asset's scale. */
    record AssetBalances(String available, String reserved) {
    }

    /**
     * The balances at {@code at}: each asset the wallet held by then; {@code eventsCounted} events
     * up to sequence {@code throughSequence} (null when the wallet had no event yet).
     */
    record BalancesAt(Instant at, Map<String, AssetBalances> balances, long eventsCounted, Long throughSequence) {
    }

    BalancesAt of(String walletId, Instant at) {
        Map<String, long[]> minor = new TreeMap<>();
        long[] counted = {0};
        Long[] through = {null};
        // Sequence order; stored times are ISO-8601 text of varying precision, so they are compared as instants here.
        jdbc.query("SELECT sequence_number, time_stamp, payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", row -> {
            if (Instant.parse(row.getString(2)).isAfter(at)) {
                return;
            }
            counted[0]++;
            through[0] = row.getLong(1);
            for (JsonNode posting : postings(row.getBytes(3))) {
                String account = posting.path("account").asText();
                if (account.equals(Posting.PLAYER_AVAILABLE) || account.equals(Posting.PLAYER_RESERVED)) {
                    long[] balance = minor.computeIfAbsent(posting.path("asset").asText(), asset -> new long[2]);
                    int slot = account.equals(Posting.PLAYER_AVAILABLE) ? 0 : 1;
                    balance[slot] = Math.addExact(balance[slot], posting.path("amount_minor").asLong());
                }
            }
        }, walletId);
        Map<String, AssetBalances> balances = new TreeMap<>();
        minor.forEach((code, balance) -> balances.put(code, new AssetBalances(
                AmountFormat.toDecimalString(balance[0], assets.require(code)), AmountFormat.toDecimalString(balance[1], assets.require(code)))));
        return new BalancesAt(at, balances, counted[0], through[0]);
    }

    /** One system account's balance in one asset, as the admin API's system accounts show it. */
    record SystemAccountAt(String account, String currency, String balance) {
    }

    /** A partner's system accounts at {@code at}, from {@code eventsCounted} events of its wallets. */
    record SystemAccountsAt(Instant at, List<SystemAccountAt> accounts, long eventsCounted) {
    }

    /**
     * The partner's system accounts ({@code system:house}, {@code system:cashier}...) at {@code at}:
     * the postings to them of every event of the partner's wallets stored by then, summed exactly
     * (a promo account can pass a {@code long} over the years). It reads every event of the
     * partner's wallets: an audit question, not a dashboard.
     */
    SystemAccountsAt systemAccounts(String partnerId, Instant at) {
        Map<List<String>, BigInteger> minor = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)));
        long[] counted = {0};
        String walletPrefix = partnerId + ":";
        jdbc.query("SELECT time_stamp, payload FROM domain_event_entry WHERE left(aggregate_identifier, ?) = ?", row -> {
            if (Instant.parse(row.getString(1)).isAfter(at)) {
                return;
            }
            counted[0]++;
            for (JsonNode posting : postings(row.getBytes(2))) {
                String account = posting.path("account").asText();
                if (account.startsWith("system:")) {
                    minor.merge(List.of(account, posting.path("asset").asText()), BigInteger.valueOf(posting.path("amount_minor").asLong()),
                            BigInteger::add);
                }
            }
        }, walletPrefix.length(), walletPrefix);
        List<SystemAccountAt> accounts = new ArrayList<>();
        minor.forEach((key, balance) -> accounts.add(new SystemAccountAt(key.get(0), key.get(1),
                AmountFormat.toDecimalString(balance, assets.require(key.get(1))))));
        return new SystemAccountsAt(at, accounts, counted[0]);
    }

    private static JsonNode postings(byte[] payload) {
        try {
            return JSON.readTree(payload).path("postings");
        } catch (IOException unreadable) {
            throw new IllegalStateException("a stored payload no longer reads as JSON: the verification will name it", unreadable);
        }
    }
}
