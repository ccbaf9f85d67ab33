package io.chipledger.api.books;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every row the rebuildable read models hold for some partners, table by table, in key order: what a rebuild must give back. */
record ReadModelRows(Map<String, List<Map<String, Object>>> tables) {

    /** Each table with the columns that make its order total. */
    private static final Map<String, String> TABLES = Map.of(
            "wallet", "player_id",
            "wallet_balance", "player_id, asset",
            "pending_withdrawal", "player_id, withdrawal_partner_transaction_id",
            "system_account_entry", "event_position, account, asset",
            "wallet_transaction", "player_id, wallet_sequence, line",
            "play_log", "transaction_id",
            "purchase", "transaction_id",
            "player_activity", "player_id");

    static ReadModelRows of(JdbcTemplate jdbc, List<String> partnerIds) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        TABLES.forEach((table, order) -> tables.put(table, jdbc.queryForList("SELECT * FROM " + table
                + " WHERE partner_id = ANY (?::varchar[]) ORDER BY partner_id, " + order, (Object) partnerIds.toArray(String[]::new))));
        return new ReadModelRows(tables);
    }
}
