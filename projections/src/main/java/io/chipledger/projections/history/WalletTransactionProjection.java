package io.chipledger.projections.history;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.BalanceAdjustedEvent;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.UnknownBetRollbackRecordedEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.EventPosition;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger view of a wallet: one row per money event (and per rollback of an unknown bet),
 * with the change it made and the balances after it, newest first. Rows are keyed by the
 * ledger's transaction id, so a replay inserts nothing twice; they are written once per batch of
 * events.
 */
@Component
@ProcessingGroup(WalletTransactionProjection.GROUP)
public class WalletTransactionProjection {

    public static final String GROUP = "wallet-transactions";
    /** The most rows one page of history returns. */
    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcTemplate jdbc;

    public WalletTransactionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line of history; {@code walletSequence} is also the cursor for the next (older) page. */
    public record WalletTransaction(String transactionId, String partnerTransactionId, String kind, String asset,
                                    long availableChangeMinor, long reservedChangeMinor, Long availableAfterMinor,
                                    Long reservedAfterMinor, String gameId, String roundId, String referenceId,
                                    String reason, long walletSequence, Long globalPosition, Instant occurredAt) {
    }

    private record Row(String kind, String asset, long availableChange, long reservedChange, Balance after,
                       String systemAccount, String gameId, String roundId, String referenceId, String reason) {
    }

    @EventHandler
    void on(MoneyMovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, TrackingToken token) {
        insert(event.walletId(), event.transactionId(), event.partnerTransactionId(), rowOf(event), sequence, token, at);
    }

    @EventHandler
    void on(UnknownBetRollbackRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, TrackingToken token) {
        insert(event.walletId(), event.transactionId(), event.partnerTransactionId(),
                new Row("UnknownBetRollbackRecorded", null, 0, 0, null, null, null, null, event.betPartnerTransactionId(), null),
                sequence, token, at);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE wallet_transaction");
    }

    /** Newest first; {@code beforeSequence} is the cursor from the previous page, or null for the newest. */
    public List<WalletTransaction> history(WalletId walletId, String asset, Long beforeSequence, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("limit must be 1.." + PAGE_SIZE_MAX);
        }
        return jdbc.query("SELECT transaction_id, partner_transaction_id, kind, asset, available_change_minor, reserved_change_minor, "
                        + "available_after_minor, reserved_after_minor, game_id, round_id, reference_id, reason, wallet_sequence, "
                        + "global_position, occurred_at FROM wallet_transaction "
                        + "WHERE partner_id = ? AND player_id = ? AND (?::varchar IS NULL OR asset = ?) AND wallet_sequence < ? "
                        + "ORDER BY wallet_sequence DESC LIMIT ?",
                WalletTransactionProjection::transaction,
                walletId.partnerId(), walletId.playerId(), asset, asset,
                beforeSequence == null ? Long.MAX_VALUE : beforeSequence, limit);
    }

    private static WalletTransaction transaction(ResultSet row, int index) throws SQLException {
        return new WalletTransaction(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getLong(6), (Long) row.getObject(7), (Long) row.getObject(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12), row.getLong(13), (Long) row.getObject(14),
                row.getTimestamp(15).toInstant());
    }

    private static Row rowOf(MoneyMovedEvent event) {
        String asset = event.postings().get(0).asset();
        long availableChange = 0;
        long reservedChange = 0;
        String systemAccount = null;
        for (Posting posting : event.postings()) {
            if (posting.account().equals(Posting.PLAYER_AVAILABLE)) {
                availableChange += posting.amountMinor();
            } else if (posting.account().equals(Posting.PLAYER_RESERVED)) {
                reservedChange += posting.amountMinor();
            } else {
                systemAccount = posting.account();
            }
        }
        Balance after = event.balancesAfter().get(asset);
        Context context = contextOf(event);
        return new Row(event.getClass().getSimpleName().replace("Event", ""), asset, availableChange, reservedChange, after,
                systemAccount, context.gameId(), context.roundId(), context.referenceId(), context.reason());
    }

    /** What a history line shows besides the money: the game round, the transaction it refers to, a reason. */
    private record Context(String gameId, String roundId, String referenceId, String reason) {
    }

    private static Context contextOf(MoneyMovedEvent event) {
        if (event instanceof BetPlacedEvent bet) {
            return new Context(bet.gameId(), bet.roundId(), null, null);
        }
        if (event instanceof WinPaidEvent win) {
            String settled = win.settledBetPartnerTransactionIds().isEmpty() ? null : String.join(",", win.settledBetPartnerTransactionIds());
            return new Context(win.gameId(), win.roundId(), settled, null);
        }
        if (event instanceof BetRolledBackEvent rollback) {
            return new Context(rollback.gameId(), rollback.roundId(), rollback.betPartnerTransactionId(), null);
        }
        if (event instanceof WithdrawalApprovedEvent approved) {
            return new Context(null, null, approved.withdrawalPartnerTransactionId(), null);
        }
        if (event instanceof WithdrawalReleasedEvent released) {
            return new Context(null, null, released.withdrawalPartnerTransactionId(), released.reason().name());
        }
        if (event instanceof BalanceAdjustedEvent adjusted) {
            return new Context(null, null, null, adjusted.reason());
        }
        return new Context(null, null, null, null);
    }

    private static final String INSERT_TRANSACTION = "INSERT INTO wallet_transaction (transaction_id, partner_id, player_id, "
            + "wallet_sequence, global_position, partner_transaction_id, kind, asset, available_change_minor, reserved_change_minor, "
            + "available_after_minor, reserved_after_minor, system_account, game_id, round_id, reference_id, reason, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private void insert(WalletId wallet, String transactionId, String partnerTransactionId, Row row, long sequence,
                        TrackingToken token, Instant at) {
        long position = EventPosition.of(token);
        BatchedWrites.rows(jdbc, INSERT_TRANSACTION).put(transactionId, new Object[] {transactionId, wallet.partnerId(),
                wallet.playerId(), sequence, position, partnerTransactionId, row.kind(), row.asset(), row.availableChange(),
                row.reservedChange(), row.after() == null ? null : row.after().available(),
                row.after() == null ? null : row.after().reserved(), row.systemAccount(), row.gameId(), row.roundId(),
                row.referenceId(), row.reason(), java.sql.Timestamp.from(at)});
    }
}
