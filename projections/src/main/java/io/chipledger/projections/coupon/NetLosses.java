package io.chipledger.projections.coupon;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A player's net loss in one asset over a period, from the wallet history read model
 * ({@code wallet_transaction}): bets − wins − rollbacks of bets, in minor units, what a percentage
 * coupon pays back a share of. Negative when the player won. Only settled bets count: a bet still
 * open may yet be rolled back or won, and a payback of it would stay with the player
 * ({@code wallet_fate}, written in the transaction that closes a bet, says which are). The caller
 * makes sure the read model holds the wallet's newest event first.
 */
@Component
public class NetLosses {

    private final JdbcTemplate jdbc;

    public NetLosses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Over {@code [from, to)}: a bet takes from the player's balance, a win or a rollback gives back, so the loss is minus their sum. */
    public long netLossMinor(String partnerId, String playerId, String asset, Instant from, Instant to) {
        Long change = jdbc.queryForObject("SELECT coalesce(sum(t.available_change_minor + t.reserved_change_minor), 0) FROM wallet_transaction t "
                        + "WHERE t.partner_id = ? AND t.player_id = ? AND t.asset = ? AND t.kind IN ('BetPlaced', 'WinPaid', 'BetRolledBack') "
                        + "AND t.occurred_at >= ? AND t.occurred_at < ? AND (t.kind <> 'BetPlaced' OR EXISTS (SELECT 1 FROM wallet_fate f "
                        + "WHERE f.wallet_id = t.partner_id || ':' || t.player_id AND f.subject = 'BET' AND f.subject_id = t.partner_transaction_id))",
                Long.class, partnerId, playerId, asset, Timestamp.from(from), Timestamp.from(to));
        return Math.negateExact(change);
    }
}
