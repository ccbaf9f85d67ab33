package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the read models with the state the events give, inside the verification's snapshot
 * (so a projection's rows and its token are seen as of one instant):
 * <ul>
 *   <li>{@code wallet_balance}: each row equals the replayed balance after the event its
 *       {@code wallet_sequence} names; a row behind the newest event of its asset is lag unless
 *       the projection's token says it handled that event;</li>
 *   <li>{@code wallet_transaction}, {@code play_log}, {@code purchase}: a wallet's rows are exactly
 *       its events the projection has handled ({@link EventRowsCheck});</li>
 *   <li>{@code system_account_balance} and the row counts: equal to the events' sums and counts
 *       when the projection has handled every event (otherwise a note says it was behind).</li>
 * </ul>
 * A projection being rebuilt is not compared (a note says so). Lookups go in batches of
 * {@link #BATCH}, so memory is bounded whatever the store holds; the system accounts are summed
 * per partner, account and asset.
 */
final class ReadModelCheck {

    static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How far a projection has read: every segment's lowest index and all their gaps, and the
     * aggregates whose events it parked (in its dead-letter queue: not in the read model until retried).
     */
    record Progress(String group, long index, Set<Long> gaps, boolean rebuilding, Set<String> parked) {

        boolean handled(long position, String aggregateId) {
            return !rebuilding && position <= index && !gaps.contains(position) && !parked.contains(aggregateId);
        }
    }

    private record ExpectedBalance(String partnerId, String playerId, String aggregateId, String asset, long available, long reserved,
                                   long sequence, long position) {
    }

    private final Connection connection;
    private final Failures failures;
    private final Progress balances;
    private final Map<String, Progress> rowGroups = new HashMap<>();
    private final EventRowsCheck eventRows;
    private final List<ExpectedBalance> expectedBalances = new ArrayList<>();
    private final ActivityCheck activity;
    private final Map<String, Long> rowCounts = new TreeMap<>();
    private final Map<String, BigInteger> systemSums = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private long headPosition;
    private long balanceRowsExpected;
    /** Positions of the events of wallets the balances projection parked: left out of the system accounts on both sides. */
    private final List<Long> parkedPositions = new ArrayList<>();
    private boolean parkedPositionsOverflow;
    static final int PARKED_POSITIONS_MAX = 1_000_000;

    ReadModelCheck(Connection connection, Failures failures) throws SQLException {
        this.connection = connection;
        this.failures = failures;
        this.balances = progress(connection, "wallet-balances");
        rowGroups.put("wallet_transaction", progress(connection, "wallet-transactions"));
        rowGroups.put("play_log", progress(connection, "play-log"));
        rowGroups.put("purchase", progress(connection, "purchase-history"));
        this.eventRows = new EventRowsCheck(connection, failures, rowGroups);
        this.activity = new ActivityCheck(connection, failures, progress(connection, "player-activity"));
    }

    /** A player's profile event (its activity is tallied). */
    void profileEvent(StoredEvent event, JsonNode payload) {
        headPosition = Math.max(headPosition, event.globalPosition());
        activity.event(event, payload);
    }

    /** A profile whose events all went by: its activity row. */
    void profileEnded(AggregateCheck profile) throws SQLException {
        activity.ended(profile);
    }

    List<String> notes() {
        return notes;
    }

    /** An event of a wallet: the rows it must have. */
    void event(AggregateCheck wallet, StoredEvent event, JsonNode payload) {
        headPosition = Math.max(headPosition, event.globalPosition());
        systemAccounts(wallet, event, payload);
        for (String table : tables(event.payloadType(), payload)) {
            rowCounts.merge(table, 1L, Long::sum);
            eventRows.event(table, wallet.id, event.globalPosition(), event.sequence(), content(table, payload));
        }
    }

    /**
     * The partner side of an event the balances projection handled goes into the expected system
     * accounts; an event of a wallet it parked is left out on both sides, by position, so one parked
     * wallet does not stop the comparison of every other.
     */
    private void systemAccounts(AggregateCheck wallet, StoredEvent event, JsonNode payload) {
        if (balances.parked().contains(wallet.id)) {
            if (parkedPositions.size() < PARKED_POSITIONS_MAX) {
                parkedPositions.add(event.globalPosition());
            } else {
                parkedPositionsOverflow = true;
            }
            return;
        }
        if (!balances.handled(event.globalPosition(), wallet.id)) {
            return;
        }
        String partnerId = wallet.id.substring(0, wallet.id.indexOf(':'));
        for (JsonNode posting : payload.path("postings")) {
            String account = posting.path("account").asText();
            if (!account.startsWith("player:")) {
                systemSums.merge(partnerId + " " + account + " " + posting.path("asset").asText(), posting.path("amount_minor").bigIntegerValue(),
                        BigInteger::add);
            }
        }
    }

    /** A wallet whose events all went by: its balance rows. */
    void walletEnded(AggregateCheck wallet) throws SQLException {
        eventRows.walletEnded(wallet.id);
        String[] partnerAndPlayer = wallet.id.split(":", 2);
        if (balances.rebuilding() || balances.parked().contains(wallet.id)) {
            return;
        }
        balanceRowsExpected += wallet.assetSequences.size();
        Map<String, long[]> replayed = wallet.walletBalanceArrays();
        wallet.assetSequences.forEach((asset, sequence) -> {
            long[] pair = replayed.getOrDefault(asset, new long[2]);
            expectedBalances.add(new ExpectedBalance(partnerAndPlayer[0], partnerAndPlayer[1], wallet.id, asset, pair[0], pair[1], sequence,
                    wallet.assetPositions.get(asset)));
        });
        if (expectedBalances.size() >= BATCH) {
            flushBalances();
        }
    }

    /** After the last event: what is left in the batches, then the totals. */
    void finish() throws SQLException {
        eventRows.flush();
        flushBalances();
        activity.finish(notes, caughtUp(activity.progress()));
        for (Progress progress : allGroups()) {
            if (!progress.parked().isEmpty()) {
                notes.add(progress.group() + " has parked events of " + progress.parked().size() + " aggregates: those were not compared "
                        + "(GET /admin/v1/projections/" + progress.group() + "/dead-letters), nor its totals");
            }
        }
        if (balances.rebuilding()) {
            notes.add("wallet-balances is being rebuilt: its read model was not compared");
        } else if (parkedPositionsOverflow) {
            notes.add("wallet-balances parked more than " + PARKED_POSITIONS_MAX + " events: system accounts not compared");
        } else {
            compareSystemAccounts();
        }
        if (caughtUp(balances)) {
            long found = count(connection, "wallet_balance");
            if (found != balanceRowsExpected) {
                failures.add("(read model wallet_balance)", -1, -1, "rows (one per wallet and asset its events moved)",
                        Long.toString(balanceRowsExpected), Long.toString(found));
            }
        } else if (!balances.rebuilding()) {
            notes.add("wallet-balances was behind the store or has parked events (position " + balances.index() + " of " + headPosition
                    + "): its row count not compared");
        }
        for (Map.Entry<String, Progress> group : new TreeMap<>(rowGroups).entrySet()) {
            Progress progress = group.getValue();
            if (progress.rebuilding()) {
                notes.add(progress.group() + " is being rebuilt: its read model was not compared");
            } else if (caughtUp(progress)) {
                long expected = rowCounts.getOrDefault(group.getKey(), 0L);
                long found = count(connection, group.getKey().equals("wallet_transaction") ? "wallet_transaction WHERE line = 0" : group.getKey());
                if (expected != found) {
                    failures.add("(read model " + group.getKey() + ")", -1, -1, "rows", Long.toString(expected), Long.toString(found));
                }
            } else {
                notes.add(progress.group() + " was behind the store or has parked events: its row count not compared");
            }
        }
    }

    private boolean caughtUp(Progress progress) {
        return !progress.rebuilding() && progress.index() >= headPosition && progress.gaps().isEmpty() && progress.parked().isEmpty();
    }

    private List<Progress> allGroups() {
        List<Progress> groups = new ArrayList<>(List.of(balances, activity.progress()));
        groups.addAll(new TreeMap<>(rowGroups).values());
        return groups;
    }

    private void flushBalances() throws SQLException {
        if (expectedBalances.isEmpty()) {
            return;
        }
        Map<String, long[]> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT b.partner_id, b.player_id, b.asset, b.available_minor, "
                + "b.reserved_minor, b.wallet_sequence FROM wallet_balance b JOIN unnest(?::varchar[], ?::varchar[]) AS w(partner_id, player_id) "
                + "ON b.partner_id = w.partner_id AND b.player_id = w.player_id")) {
            query.setArray(1, connection.createArrayOf("varchar", expectedBalances.stream().map(ExpectedBalance::partnerId).toArray()));
            query.setArray(2, connection.createArrayOf("varchar", expectedBalances.stream().map(ExpectedBalance::playerId).toArray()));
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    stored.put(found.getString(1) + ":" + found.getString(2) + " " + found.getString(3),
                            new long[] {found.getLong(4), found.getLong(5), found.getLong(6)});
                }
            }
        }
        for (ExpectedBalance expected : expectedBalances) {
            long[] row = stored.get(expected.aggregateId() + " " + expected.asset());
            String replayed = expected.available() + "/" + expected.reserved() + " after sequence " + expected.sequence();
            if (row == null || row[2] < expected.sequence()) {
                if (balances.handled(expected.position(), expected.aggregateId())) {
                    failures.add(expected.aggregateId(), expected.sequence(), expected.position(), "wallet_balance of " + expected.asset(),
                            replayed, row == null ? "no row" : row[0] + "/" + row[1] + " after sequence " + row[2]);
                }
            } else if (row[2] > expected.sequence() || row[0] != expected.available() || row[1] != expected.reserved()) {
                failures.add(expected.aggregateId(), expected.sequence(), expected.position(), "wallet_balance of " + expected.asset(),
                        replayed, row[0] + "/" + row[1] + " after sequence " + row[2]);
            }
        }
        java.util.Set<String> expectedKeys = new HashSet<>();
        expectedBalances.forEach(expected -> expectedKeys.add(expected.aggregateId() + " " + expected.asset()));
        stored.forEach((key, row) -> {
            if (!expectedKeys.contains(key)) {
                String[] walletAndAsset = key.split(" ", 2);
                failures.add(walletAndAsset[0], row[2], -1, "wallet_balance of " + walletAndAsset[1],
                        "no row (no event of the wallet moved " + walletAndAsset[1] + ")", row[0] + "/" + row[1] + " after sequence " + row[2]);
            }
        });
        expectedBalances.clear();
    }

    private void compareSystemAccounts() throws SQLException {
        Map<String, BigInteger> stored = new TreeMap<>();
        // Only entries of events the projection has handled, as the expected sums: exact while it lags.
        try (PreparedStatement query = connection.prepareStatement("SELECT partner_id, account, asset, sum(amount_minor) FROM system_account_entry "
                + "WHERE event_position <= ? AND event_position <> ALL (?::bigint[]) AND event_position <> ALL (?::bigint[]) "
                + "GROUP BY partner_id, account, asset")) {
            query.setLong(1, balances.index());
            query.setArray(2, connection.createArrayOf("bigint", balances.gaps().toArray()));
            query.setArray(3, connection.createArrayOf("bigint", parkedPositions.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3), rows.getBigDecimal(4).toBigIntegerExact());
                }
            }
        }
        Set<String> keys = new java.util.TreeSet<>(stored.keySet());
        keys.addAll(systemSums.keySet());
        for (String key : keys) {
            BigInteger expected = systemSums.getOrDefault(key, BigInteger.ZERO);
            BigInteger found = stored.getOrDefault(key, BigInteger.ZERO);
            if (!expected.equals(found)) {
                failures.add("(system account " + key + ")", -1, -1, "system account balance", expected.toString(), found.toString());
            }
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The read-model tables an event must have a row in, by its payload: money moved or a rollback recorded, a play, a purchase. */
    private static List<String> tables(String payloadType, JsonNode payload) {
        List<String> tables = new ArrayList<>(2);
        if (payloadType.equals("wallet.UnknownBetRollbackRecordedEvent") || payload.path("postings").isArray()) {
            tables.add("wallet_transaction");
        }
        if (payloadType.equals("wallet.PlayRecordedEvent")) {
            tables.add("play_log");
        } else if (payloadType.equals("wallet.PurchaseMadeEvent")) {
            tables.add("purchase");
        }
        return tables;
    }

    /** What an event's rows in {@code table} sum to ({@link EventRowsCheck#CONTENT}), from its payload. */
    private static long content(String table, JsonNode payload) {
        return switch (table) {
            case "wallet_transaction" -> {
                long moved = 0;
                for (JsonNode posting : payload.path("postings")) {
                    if (posting.path("account").asText().startsWith("player:")) {
                        moved += posting.path("amount_minor").asLong();
                    }
                }
                yield moved;
            }
            case "play_log" -> payload.path("stake").path("amount_minor").asLong();
            case "purchase" -> payload.path("price").path("amount_minor").asLong() + payload.path("quantity").asLong();
            default -> throw new IllegalArgumentException("no content rule for " + table);
        };
    }

    /** The projection's progress as its token rows say, as of the snapshot. */
    static Progress progress(Connection connection, String group) throws SQLException {
        long index = Long.MAX_VALUE;
        Set<Long> gaps = new HashSet<>();
        boolean rebuilding = false;
        boolean any = false;
        try (PreparedStatement query = connection.prepareStatement("SELECT token, token_type FROM token_entry WHERE processor_name = ?")) {
            query.setString(1, group);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    any = true;
                    byte[] token = rows.getBytes(1);
                    String type = String.valueOf(rows.getString(2));
                    if (token == null) {
                        index = -1;
                        continue;
                    }
                    JsonNode json;
                    try {
                        json = JSON.readTree(token);
                    } catch (IOException unreadable) {
                        index = -1;
                        continue;
                    }
                    if (type.endsWith("ReplayToken")) {
                        // Axon keeps a finished replay's token until the next event comes: rebuilding only until it reached the reset.
                        JsonNode current = json.path("currentToken");
                        if (current.path("index").asLong(-1) < json.path("tokenAtReset").path("index").asLong(Long.MAX_VALUE)) {
                            rebuilding = true;
                            continue;
                        }
                        json = current;
                    }
                    index = Math.min(index, json.path("index").asLong(-1));
                    json.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
                }
            }
        }
        Set<String> parked = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT aggregate_identifier FROM dead_letter_entry WHERE processing_group = ? AND aggregate_identifier IS NOT NULL")) {
            query.setString(1, group);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    parked.add(rows.getString(1));
                }
            }
        }
        return new Progress(group, any ? index : -1, gaps, rebuilding, parked);
    }
}
