package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.ledger.Posting;
import java.io.IOException;
import java.time.Instant;
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

    private static JsonNode postings(byte[] payload) {
        try {
            return JSON.readTree(payload).path("postings");
        } catch (IOException unreadable) {
            throw new IllegalStateException("a stored payload no longer reads as JSON: the verification will name it", unreadable);
        }
    }
}
