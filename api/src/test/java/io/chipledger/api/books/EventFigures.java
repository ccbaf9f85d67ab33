package io.chipledger.api.books;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one partner's events in {@code domain_event_entry} imply for each read model, read from
 * the stored payloads (JSON, snake_case) by SQL. The event store is the truth the read models
 * must agree with, whatever the answers to the commands said. Each method has its counterpart
 * of the same name in {@link ReadModelFigures}.
 */
final class EventFigures {

    /** Every stored wallet event of the partner, with its payload as JSON. */
    private static final String WALLET_EVENTS = "SELECT aggregate_identifier, sequence_number, payload_type, "
            + "convert_from(payload, 'UTF8')::jsonb AS doc FROM domain_event_entry WHERE starts_with(aggregate_identifier, ?)";
    /** The history's kind of a stored event: its type name without namespace and suffix ("wallet.BetPlacedEvent": BetPlaced). */
    private static final String KIND = "replace(replace(e.payload_type, 'wallet.', ''), 'Event', '')";

    private final JdbcTemplate jdbc;
    private final String walletPrefix;

    EventFigures(JdbcTemplate jdbc, String partnerId) {
        this.jdbc = jdbc;
        this.walletPrefix = partnerId + ":";
    }

    /** The players with a wallet: each was opened by one event. */
    List<String> players() {
        return List.copyOf(Figures.query(jdbc, walletPrefix, "SELECT aggregate_identifier, payload_type FROM domain_event_entry "
                + "WHERE starts_with(aggregate_identifier, ?) AND payload_type = 'wallet.WalletOpenedEvent'", walletPrefix).keySet());
    }

    /**
     * The partner's side of the money events: per system account and asset, one entry for each
     * event whose postings to it do not net out to zero, and the sum of the entries.
     */
    Map<String, String> systemEntries() {
        return Figures.query(jdbc, walletPrefix, "SELECT account || ' ' || asset, 'entries=' || count(*) || ' balance=' || sum(amount) "
                + "FROM (SELECT e.aggregate_identifier, e.sequence_number, posting ->> 'account' AS account, posting ->> 'asset' AS asset, "
                + "sum((posting ->> 'amount_minor')::bigint) AS amount FROM (" + WALLET_EVENTS + ") e "
                + "CROSS JOIN LATERAL jsonb_array_elements(e.doc -> 'postings') posting "
                + "WHERE NOT starts_with(posting ->> 'account', 'player:') GROUP BY 1, 2, 3, 4) entry "
                + "WHERE amount <> 0 GROUP BY account, asset", walletPrefix);
    }

    /** One history line per money event and asset it moves, one for each rollback of a bet never seen; valued by kind. */
    Map<String, String> historyLines() {
        return Figures.query(jdbc, walletPrefix, "SELECT DISTINCT e.aggregate_identifier || ' #' || e.sequence_number || ' ' "
                + "|| coalesce(posting ->> 'asset', '-'), " + KIND + " FROM (" + WALLET_EVENTS + ") e "
                + "LEFT JOIN LATERAL jsonb_array_elements(e.doc -> 'postings') posting ON true "
                + "WHERE e.doc -> 'postings' IS NOT NULL OR e.payload_type = 'wallet.UnknownBetRollbackRecordedEvent'", walletPrefix);
    }

    /** Per wallet and asset, the balances after the wallet's newest event that moved the asset. */
    Map<String, String> balances() {
        return Figures.query(jdbc, walletPrefix, "SELECT DISTINCT ON (e.aggregate_identifier, balance.key) "
                + "e.aggregate_identifier || ' ' || balance.key, "
                + "'available=' || (balance.value ->> 'available') || ' reserved=' || (balance.value ->> 'reserved') "
                + "FROM (" + WALLET_EVENTS + ") e CROSS JOIN LATERAL jsonb_each(e.doc -> 'balances_after') balance "
                + "ORDER BY e.aggregate_identifier, balance.key, e.sequence_number DESC", walletPrefix);
    }

    /** Per wallet, its newest event that moved money: the balances projection has caught up with the wallet there. */
    Map<String, String> newestMoneyEvents() {
        return Figures.query(jdbc, walletPrefix, "SELECT e.aggregate_identifier, 'sequence=' || max(e.sequence_number) FROM ("
                + WALLET_EVENTS + ") e WHERE e.doc -> 'balances_after' IS NOT NULL GROUP BY e.aggregate_identifier", walletPrefix);
    }

    /** The plays of every wallet, by transaction id. */
    Map<String, String> plays() {
        return transactions("wallet.PlayRecordedEvent");
    }

    /** The purchases of every wallet, by transaction id. */
    Map<String, String> purchases() {
        return transactions("wallet.PurchaseMadeEvent");
    }

    /** Per player, what the wallet's events make of its activity: each play and each deposit once, plays per game. */
    Map<String, String> activity() {
        return Figures.query(jdbc, walletPrefix, "SELECT aggregate_identifier, " + Figures.ACTIVITY + " FROM ("
                + "SELECT e.aggregate_identifier, count(*) AS activities, " + Figures.playsPerGame("e.doc ->> 'game'")
                + " FROM (" + WALLET_EVENTS + ") e WHERE e.payload_type IN ('wallet.PlayRecordedEvent', 'wallet.FundsDepositedEvent') "
                + "GROUP BY e.aggregate_identifier) counted", walletPrefix);
    }

    /** Per player, the activity events the wallet's feed stored on the player's profile, plays per game. */
    Map<String, String> activityRecorded() {
        String profilePrefix = "profile:" + walletPrefix;
        return Figures.query(jdbc, profilePrefix, "SELECT aggregate_identifier, " + Figures.ACTIVITY + " FROM ("
                + "SELECT e.aggregate_identifier, count(*) AS activities, " + Figures.playsPerGame("replace(e.doc ->> 'type', '_PLAY', '')")
                + " FROM (SELECT aggregate_identifier, convert_from(payload, 'UTF8')::jsonb AS doc FROM domain_event_entry "
                + "WHERE starts_with(aggregate_identifier, ?) AND payload_type = 'profile.PlayerActivityRecordedEvent') e "
                + "GROUP BY e.aggregate_identifier) counted", profilePrefix);
    }

    private Map<String, String> transactions(String payloadType) {
        return Figures.query(jdbc, walletPrefix, "SELECT e.aggregate_identifier || ' ' || (e.doc ->> 'transaction_id'), "
                + KIND + " FROM (" + WALLET_EVENTS + ") e WHERE e.payload_type = ?", walletPrefix, payloadType);
    }
}
