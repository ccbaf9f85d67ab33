package io.chipledger.projections.round;

import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.RoundTimedOutEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Game rounds that have not closed, and when anything last happened in each: what the round
 * timeout sweeps. Part of the {@code wallet-balances} processing group, which reads and
 * deserializes these events anyway: a group of its own would read the whole store once more for
 * a table this small (and showed in the bench); its rows join that group's batches
 * ({@link BatchedWrites} of the same group share them), and a rebuild of it rebuilds this too. A round's row only moves forward (its last activity only grows, and once
 * closed it stays closed), so a replay or a batch in any order leaves the same rows. The
 * sweeper removes closed rows. The wallet checks the time itself before it closes a round, so a
 * row that lags behind its wallet only delays a close.
 */
@Component
@ProcessingGroup(WalletBalanceProjection.GROUP)
public class OpenRoundProjection {

    /** Closed rows removed per sweep, so a purge never holds a long transaction. */
    public static final int CLOSED_PURGED_PER_CALL_MAX = 1_000;
    private static final String UPSERT = "INSERT INTO open_round (partner_id, player_id, game_id, round_id, last_activity_at, closed) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, player_id, game_id, round_id) DO UPDATE SET "
            + "last_activity_at = GREATEST(open_round.last_activity_at, EXCLUDED.last_activity_at), "
            + "closed = open_round.closed OR EXCLUDED.closed";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public OpenRoundProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(WalletBalanceProjection.GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    /** A round to close, and when anything last happened in it as this read model saw it. */
    public record IdleRound(WalletId walletId, String gameId, String roundId, Instant lastActivityAt) {

        /** The round's key as a parked job item: {@code partner:player:game/round}; {@link #idleRounds} builds the same in SQL. */
        public String itemKey() {
            return walletId + ":" + gameId + "/" + roundId;
        }
    }

    @EventHandler
    void on(BetPlacedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        if (event.roundId() != null) {
            put(event.walletId(), event.gameId(), event.roundId(), at, false);
        }
    }

    @EventHandler
    void on(WinPaidEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        put(event.walletId(), event.gameId(), event.roundId(), at, event.roundClose() != null);
    }

    @EventHandler
    void on(BetRolledBackEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        if (event.roundId() != null) {
            put(event.walletId(), event.gameId(), event.roundId(), at, event.roundClose() != null);
        }
    }

    @EventHandler
    void on(RoundTimedOutEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        put(event.walletId(), event.gameId(), event.roundId(), at, true);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE open_round");
    }

    private void put(WalletId wallet, String gameId, String roundId, Instant at, boolean closed) {
        writes.rows(UPSERT).merge(List.of(wallet.toString(), gameId, roundId),
                new Object[] {wallet.partnerId(), wallet.playerId(), gameId, roundId, Timestamp.from(at), closed},
                // Two events of one round in a batch: keep the later activity, and closed once closed.
                (earlier, later) -> new Object[] {later[0], later[1], later[2], later[3],
                        ((Timestamp) earlier[4]).after((Timestamp) later[4]) ? earlier[4] : later[4],
                        (Boolean) earlier[5] || (Boolean) later[5]});
    }

    /** Open rounds idle since {@code idleSince} or longer, longest idle first, none of them parked for {@code parkedJob}. */
    public List<IdleRound> idleRounds(Instant idleSince, int limit, String parkedJob) {
        return jdbc.query("SELECT r.partner_id, r.player_id, r.game_id, r.round_id, r.last_activity_at FROM open_round r "
                        + "WHERE NOT r.closed AND r.last_activity_at <= ? AND NOT EXISTS (SELECT 1 FROM parked_job_item p WHERE p.job = ? "
                        + "AND p.item_key = r.partner_id || ':' || r.player_id || ':' || r.game_id || '/' || r.round_id "
                        + "AND p.retry_requested_at IS NULL) ORDER BY r.last_activity_at LIMIT ?",
                (row, i) -> new IdleRound(new WalletId(row.getString(1), row.getString(2)), row.getString(3), row.getString(4),
                        row.getTimestamp(5).toInstant()),
                Timestamp.from(idleSince), parkedJob, limit);
    }

    /** Removes closed rounds whose last activity is before {@code before}; answers how many. */
    public int purgeClosed(Instant before) {
        return jdbc.update("DELETE FROM open_round WHERE ctid IN (SELECT ctid FROM open_round WHERE closed AND last_activity_at < ? LIMIT ?)",
                Timestamp.from(before), CLOSED_PURGED_PER_CALL_MAX);
    }
}
