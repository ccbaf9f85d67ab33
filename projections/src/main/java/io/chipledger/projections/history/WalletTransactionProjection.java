package io.chipledger.projections.history;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BalanceAdjustedEvent;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.PurchaseMadeEvent;
import io.chipledger.core.wallet.RewardReceivedEvent;
import io.chipledger.core.wallet.TokensGrantedEvent;
import io.chipledger.core.wallet.TokensRevokedEvent;
import io.chipledger.core.wallet.UnknownBetRollbackRecordedEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.EventPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ledger view of a wallet: one line per asset a money event moves (one with no change for a
 * stake or win of 0, and one per rollback of an unknown bet), with the change it made and the
 * balance after it, newest first. Most events
 * move one asset; a play moves its stake's and its rewards'. Lines are keyed by the event's own
 * identity, its wallet and wallet sequence, and a line number, so a replay inserts nothing twice;
 * each carries the event's own position in the store ({@link EventPosition}). They are written
 * once per batch of events ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(WalletTransactionProjection.GROUP)
public class WalletTransactionProjection {

    public static final String GROUP = "wallet-transactions";
    /** The most rows one page of history returns. */
    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public WalletTransactionProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    /** One line of history; {@code walletSequence} is also the cursor for the next (older) page. */
    public record WalletTransaction(String transactionId, String partnerTransactionId, String kind, String asset,
                                    long availableChangeMinor, long reservedChangeMinor, Long availableAfterMinor,
                                    Long reservedAfterMinor, String gameId, String roundId, String referenceId,
                                    String reason, String label, long walletSequence, Long globalPosition, Instant occurredAt) {
    }

    /** One asset's line of an event. */
    private record Line(String asset, long availableChange, long reservedChange, Balance after, String systemAccount) {
    }

    private static final Line NO_MONEY = new Line(null, 0, 0, null, null);

    @EventHandler
    void on(MoneyMovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, @MessageIdentifier String eventId) {
        insert(event.walletId(), event.transactionId(), event.partnerTransactionId(), kindOf(event), linesOf(event),
                contextOf(event), sequence, eventId, at);
    }

    @EventHandler
    void on(UnknownBetRollbackRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MessageIdentifier String eventId) {
        insert(event.walletId(), event.transactionId(), event.partnerTransactionId(), "UnknownBetRollbackRecorded",
                List.of(NO_MONEY), new Context(null, null, event.betPartnerTransactionId(), null, null), sequence, eventId, at);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE wallet_transaction");
    }

    /**
     * Newest first, {@code limit} events at most with every line of each; {@code beforeSequence}
     * is the cursor from the previous page, or null for the newest.
     */
    public List<WalletTransaction> history(WalletId walletId, String asset, Long beforeSequence, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("limit must be 1.." + PAGE_SIZE_MAX);
        }
        // The oldest event of the page bounds it, so a play's lines are never split between pages.
        return jdbc.query("SELECT transaction_id, partner_transaction_id, kind, asset, available_change_minor, reserved_change_minor, "
                        + "available_after_minor, reserved_after_minor, game_id, round_id, reference_id, reason, label, wallet_sequence, "
                        + "global_position, occurred_at FROM wallet_transaction "
                        + "WHERE partner_id = ? AND player_id = ? AND (?::varchar IS NULL OR asset = ?) AND wallet_sequence < ? "
                        + "AND wallet_sequence >= (SELECT COALESCE(MIN(wallet_sequence), 0) FROM (SELECT DISTINCT wallet_sequence "
                        + "FROM wallet_transaction WHERE partner_id = ? AND player_id = ? AND (?::varchar IS NULL OR asset = ?) "
                        + "AND wallet_sequence < ? ORDER BY wallet_sequence DESC LIMIT ?) page) "
                        + "ORDER BY wallet_sequence DESC, line",
                WalletTransactionProjection::transaction,
                walletId.partnerId(), walletId.playerId(), asset, asset, cursor(beforeSequence),
                walletId.partnerId(), walletId.playerId(), asset, asset, cursor(beforeSequence), limit);
    }

    private static long cursor(Long beforeSequence) {
        return beforeSequence == null ? Long.MAX_VALUE : beforeSequence;
    }

    private static WalletTransaction transaction(ResultSet row, int index) throws SQLException {
        return new WalletTransaction(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getLong(6), (Long) row.getObject(7), (Long) row.getObject(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12), row.getString(13), row.getLong(14), (Long) row.getObject(15),
                row.getTimestamp(16).toInstant());
    }

    private static String kindOf(MoneyMovedEvent event) {
        return event.getClass().getSimpleName().replace("Event", "");
    }

    /** One line per asset the postings touch, in the order the postings first name them: a play's stake first. */
    private static List<Line> linesOf(MoneyMovedEvent event) {
        Map<String, long[]> changes = new LinkedHashMap<>();
        Map<String, String> systemAccounts = new HashMap<>();
        for (Posting posting : event.postings()) {
            long[] change = changes.computeIfAbsent(posting.asset(), asset -> new long[2]);
            if (posting.account().equals(Posting.PLAYER_AVAILABLE)) {
                change[0] = Math.addExact(change[0], posting.amountMinor());
            } else if (posting.account().equals(Posting.PLAYER_RESERVED)) {
                change[1] = Math.addExact(change[1], posting.amountMinor());
            } else {
                systemAccounts.put(posting.asset(), posting.account());
            }
        }
        List<Line> lines = new ArrayList<>();
        changes.forEach((asset, change) -> lines.add(
                new Line(asset, change[0], change[1], event.balancesAfter().get(asset), systemAccounts.get(asset))));
        if (lines.isEmpty()) {
            // A stake or win of 0 (a free or lost round) moves nothing, and is still a line: the round shows in the history.
            event.balancesAfter().forEach((asset, after) -> lines.add(new Line(asset, 0, 0, after, null)));
        }
        return lines;
    }

    /** What a history line shows besides the money: the game round, what it refers to, a reason and label. */
    private record Context(String gameId, String roundId, String referenceId, String reason, String label) {
    }

    private static Context contextOf(MoneyMovedEvent event) {
        if (event instanceof BetPlacedEvent bet) {
            return new Context(bet.gameId(), bet.roundId(), null, null, null);
        }
        if (event instanceof WinPaidEvent win) {
            // One bet settled is the line's reference; several (a round-level win) are named by the round, not joined into one column.
            List<String> settled = win.settledBetPartnerTransactionIds();
            return new Context(win.gameId(), win.roundId(), settled.size() == 1 ? settled.get(0) : null, null, null);
        }
        if (event instanceof BetRolledBackEvent rollback) {
            return new Context(rollback.gameId(), rollback.roundId(), rollback.betPartnerTransactionId(), null, null);
        }
        if (event instanceof WithdrawalApprovedEvent approved) {
            return new Context(null, null, approved.withdrawalPartnerTransactionId(), null, null);
        }
        if (event instanceof WithdrawalReleasedEvent released) {
            return new Context(null, null, released.withdrawalPartnerTransactionId(), released.reason().name(), null);
        }
        if (event instanceof BalanceAdjustedEvent adjusted) {
            return new Context(null, null, null, adjusted.reason(), null);
        }
        if (event instanceof TokensGrantedEvent granted) {
            return new Context(null, null, null, granted.reason(), granted.label());
        }
        if (event instanceof TokensRevokedEvent revoked) {
            return new Context(null, null, null, revoked.reason(), revoked.label());
        }
        if (event instanceof PlayRecordedEvent play) {
            return new Context(play.game().name(), null, null, null, play.configId());
        }
        if (event instanceof PurchaseMadeEvent purchase) {
            return new Context(null, null, purchase.sku(), null, null);
        }
        if (event instanceof RewardReceivedEvent reward) {
            // The line names what gave the reward: the kind as its reason, the coupon, pool or campaign as its reference.
            return new Context(null, null, reward.source().id(), reward.source().kind().name(), null);
        }
        return new Context(null, null, null, null, null);
    }

    private static final String INSERT_TRANSACTION = "INSERT INTO wallet_transaction (transaction_id, line, partner_id, player_id, "
            + "wallet_sequence, global_position, partner_transaction_id, kind, asset, available_change_minor, reserved_change_minor, "
            + "available_after_minor, reserved_after_minor, system_account, game_id, round_id, reference_id, reason, label, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, " + EventPosition.OF_EVENT + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private void insert(WalletId wallet, String transactionId, String partnerTransactionId, String kind, List<Line> lines,
                        Context context, long sequence, String eventId, Instant at) {
        Map<Object, Object[]> rows = writes.rows(INSERT_TRANSACTION);
        for (int number = 0; number < lines.size(); number++) {
            Line line = lines.get(number);
            rows.put(wallet + "/" + sequence + "/" + number, new Object[] {transactionId, number, wallet.partnerId(), wallet.playerId(),
                    sequence, eventId, partnerTransactionId, kind, line.asset(), line.availableChange(), line.reservedChange(),
                    line.after() == null ? null : line.after().available(), line.after() == null ? null : line.after().reserved(),
                    line.systemAccount(), context.gameId(), context.roundId(), context.referenceId(), context.reason(),
                    context.label(), java.sql.Timestamp.from(at)});
        }
    }
}
