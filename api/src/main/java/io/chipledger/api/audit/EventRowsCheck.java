package io.chipledger.api.audit;

import io.chipledger.api.audit.ReadModelCheck.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read models with a row per event ({@code wallet_transaction}'s first line, {@code play_log},
 * {@code purchase}) against the events, a batch of wallets at a time: for each wallet, the rows at
 * positions the projection has handled (at most its lowest segment index, none of its gaps) must be
 * exactly the handled events' positions. One query per table and batch compares their count and
 * sum; only a wallet that differs has its rows read one by one, to name the exact event (a row
 * missing) or row (one without its event). A batch holds at most {@link #WALLETS_PER_BATCH}
 * wallets and {@link #POSITIONS_PER_BATCH_MAX} positions.
 */
final class EventRowsCheck {

    static final int WALLETS_PER_BATCH = 500;
    static final int POSITIONS_PER_BATCH_MAX = 200_000;

    /**
     * One table: how its first row of an event is picked, what content is summed as a checksum
     * (over all its rows: the money a history line moves, a play's stake, a purchase's price and
     * quantity), and its projection's progress.
     */
    private record Table(String name, String rowFilter, String contentSql, String content, Progress progress) {
    }

    /** The content each table's rows sum to, by table: what {@link #event}'s {@code content} must be for an event. */
    static final Map<String, String> CONTENT = Map.of(
            "wallet_transaction", "the money its lines move",
            "play_log", "the stake",
            "purchase", "the price and quantity");
    private static final Map<String, String> CONTENT_SQL = Map.of(
            "wallet_transaction", "t.available_change_minor + t.reserved_change_minor",
            "play_log", "t.stake_minor",
            "purchase", "t.price_minor + t.quantity");

    /** The handled events of one wallet that must have a row in one table: positions and sequences, in order. */
    private static final class Expected {
        long[] positions = new long[16];
        long[] sequences = new long[16];
        int size;
        long sum;
        long content;

        void add(long position, long sequence, long contentOfEvent) {
            content += contentOfEvent;
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
                sequences = Arrays.copyOf(sequences, size * 2);
            }
            positions[size] = position;
            sequences[size++] = sequence;
            sum += position;
        }
    }

    private record WalletRows(String aggregateId, String partnerId, String playerId, Expected expected) {
    }

    private final Connection connection;
    private final Failures failures;
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Expected> current = new HashMap<>();
    private final Map<String, List<WalletRows>> batch = new HashMap<>();
    private int batchWallets;
    private long batchPositions;

    EventRowsCheck(Connection connection, Failures failures, Map<String, Progress> progress) {
        this.connection = connection;
        this.failures = failures;
        progress.forEach((table, groupProgress) -> tables.put(table, new Table(table,
                table.equals("wallet_transaction") ? "t.line = 0" : "true", CONTENT_SQL.get(table), CONTENT.get(table), groupProgress)));
    }

    /** An event of the wallet being read that must have rows in {@code table}, if its projection handled it, with their {@code content}. */
    void event(String table, String walletId, long position, long sequence, long content) {
        if (tables.get(table).progress().handled(position, walletId)) {
            current.computeIfAbsent(table, name -> new Expected()).add(position, sequence, content);
        }
    }

    /** The wallet's events all went by: its expectations join the batch. */
    void walletEnded(String walletId) throws SQLException {
        String[] partnerAndPlayer = walletId.split(":", 2);
        for (Table table : tables.values()) {
            Progress progress = table.progress();
            if (progress.rebuilding() || progress.parked().contains(walletId)) {
                continue;
            }
            Expected expected = current.getOrDefault(table.name(), new Expected());
            batch.computeIfAbsent(table.name(), name -> new ArrayList<>())
                    .add(new WalletRows(walletId, partnerAndPlayer[0], partnerAndPlayer[1], expected));
            batchPositions += expected.size;
        }
        current.clear();
        if (++batchWallets >= WALLETS_PER_BATCH || batchPositions >= POSITIONS_PER_BATCH_MAX) {
            flush();
        }
    }

    void flush() throws SQLException {
        for (Map.Entry<String, List<WalletRows>> table : batch.entrySet()) {
            compare(tables.get(table.getKey()), table.getValue());
        }
        batch.clear();
        batchWallets = 0;
        batchPositions = 0;
    }

    private void compare(Table table, List<WalletRows> wallets) throws SQLException {
        Map<String, long[]> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT t.partner_id, t.player_id, count(*) FILTER (WHERE "
                + table.rowFilter() + "), sum(t.global_position) FILTER (WHERE " + table.rowFilter() + "), sum(" + table.contentSql() + ") "
                + "FROM " + table.name() + " t JOIN unnest(?::varchar[], ?::varchar[]) AS w(partner_id, player_id) "
                + "ON t.partner_id = w.partner_id AND t.player_id = w.player_id WHERE t.global_position <= ? "
                + "AND t.global_position <> ALL (?::bigint[]) GROUP BY t.partner_id, t.player_id")) {
            bindWallets(query, wallets.stream().map(WalletRows::partnerId).toArray(), wallets.stream().map(WalletRows::playerId).toArray());
            bindHandled(query, table.progress(), 3);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1) + ":" + rows.getString(2), new long[] {rows.getLong(3), rows.getLong(4), rows.getLong(5)});
                }
            }
        }
        for (WalletRows wallet : wallets) {
            long[] held = found.getOrDefault(wallet.aggregateId(), new long[3]);
            if (held[0] != wallet.expected().size || held[1] != wallet.expected().sum) {
                name(table, wallet);
            } else if (held[2] != wallet.expected().content) {
                failures.add(wallet.aggregateId(), -1, -1, "content of read model " + table.name() + " (" + table.content()
                        + ", summed over the wallet's rows)", Long.toString(wallet.expected().content), Long.toString(held[2]));
            }
        }
    }

    /** The rows of one wallet that differ, read one by one: each event without its row, each row without its event. */
    private void name(Table table, WalletRows wallet) throws SQLException {
        Set<Long> rows = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT t.global_position FROM " + table.name() + " t "
                + "WHERE t.partner_id = ? AND t.player_id = ? AND t.global_position <= ? AND t.global_position <> ALL (?::bigint[]) AND "
                + table.rowFilter())) {
            query.setString(1, wallet.partnerId());
            query.setString(2, wallet.playerId());
            bindHandled(query, table.progress(), 3);
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    rows.add(found.getLong(1));
                }
            }
        }
        Expected expected = wallet.expected();
        for (int i = 0; i < expected.size; i++) {
            if (!rows.remove(expected.positions[i])) {
                failures.add(wallet.aggregateId(), expected.sequences[i], expected.positions[i], "row in read model " + table.name(),
                        "a row for this event", "none");
            }
        }
        for (long extra : rows) {
            failures.add(wallet.aggregateId(), -1, extra, "row in read model " + table.name(), "no row (no event of this wallet "
                    + "here needs one)", "a row at this position");
        }
    }

    private void bindWallets(PreparedStatement query, Object[] partners, Object[] players) throws SQLException {
        query.setArray(1, connection.createArrayOf("varchar", partners));
        query.setArray(2, connection.createArrayOf("varchar", players));
    }

    private void bindHandled(PreparedStatement query, Progress progress, int first) throws SQLException {
        query.setLong(first, progress.index());
        query.setArray(first + 1, connection.createArrayOf("bigint", progress.gaps().toArray()));
    }
}
