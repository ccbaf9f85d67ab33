package io.chipledger.projections.coupon;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A player's net loss in one asset over a period, from the wallet history read model
 * ({@code wallet_transaction}): bets − wins − rollbacks of bets, in minor units, what a percentage
 * coupon pays back a share of. Negative when the player won. The caller makes sure the read model
 * holds the wallet's newest event first.
 */
@Component
public class NetLosses {

    private final JdbcTemplate jdbc;

    public NetLosses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Over {@code [from, to)}: a bet takes from the player's balance, a win or a rollback gives back, so the loss is minus their sum. */
    public long netLossMinor(String partnerId, String playerId, String asset, Instant from, Instant to) {
        Long change = jdbc.queryForObject("SELECT coalesce(sum(available_change_minor + reserved_change_minor), 0) FROM wallet_transaction "
                        + "WHERE partner_id = ? AND player_id = ? AND asset = ? AND kind IN ('BetPlaced', 'WinPaid', 'BetRolledBack') "
                        + "AND occurred_at >= ? AND occurred_at < ?",
                Long.class, partnerId, playerId, asset, Timestamp.from(from), Timestamp.from(to));
        return Math.negateExact(change);
    }
}
