package io.chipledger.api.books;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same figures as {@link EventFigures}, method for method, read from one partner's rows in
 * the read models: {@code system_account_entry}, {@code wallet_transaction}, {@code wallet_balance},
 * {@code play_log}, {@code purchase} and {@code player_activity}.
 */
final class ReadModelFigures {

    private final JdbcTemplate jdbc;
    private final String partnerId;

    ReadModelFigures(JdbcTemplate jdbc, String partnerId) {
        this.jdbc = jdbc;
        this.partnerId = partnerId;
    }

    Map<String, String> systemEntries() {
        return query("SELECT account || ' ' || asset, 'entries=' || count(*) || ' balance=' || sum(amount_minor) "
                + "FROM system_account_entry WHERE partner_id = ? GROUP BY account, asset");
    }

    Map<String, String> historyLines() {
        return query("SELECT player_id || ' #' || wallet_sequence || ' ' || coalesce(asset, '-'), kind FROM wallet_transaction "
                + "WHERE partner_id = ?");
    }

    Map<String, String> balances() {
        return query("SELECT player_id || ' ' || asset, 'available=' || available_minor || ' reserved=' || reserved_minor "
                + "FROM wallet_balance WHERE partner_id = ?");
    }

    /** Per wallet and asset, what its history lines add up to: it must be the balance. */
    Map<String, String> historySums() {
        return query("SELECT player_id || ' ' || asset, 'available=' || sum(available_change_minor) || ' reserved=' "
                + "|| sum(reserved_change_minor) FROM wallet_transaction WHERE partner_id = ? AND asset IS NOT NULL GROUP BY player_id, asset");
    }

    Map<String, String> newestMoneyEvents() {
        return query("SELECT player_id, 'sequence=' || max(wallet_sequence) FROM wallet_balance WHERE partner_id = ? GROUP BY player_id");
    }

    Map<String, String> plays() {
        return query("SELECT player_id || ' ' || transaction_id, 'PlayRecorded' FROM play_log WHERE partner_id = ?");
    }

    Map<String, String> purchases() {
        return query("SELECT player_id || ' ' || transaction_id, 'PurchaseMade' FROM purchase WHERE partner_id = ?");
    }

    Map<String, String> activity() {
        return query("SELECT player_id, " + Figures.ACTIVITY + " FROM player_activity WHERE partner_id = ?");
    }

    private Map<String, String> query(String sql) {
        return Figures.query(jdbc, "", sql, partnerId);
    }
}
