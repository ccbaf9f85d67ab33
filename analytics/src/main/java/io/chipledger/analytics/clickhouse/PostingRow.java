package io.chipledger.analytics.clickhouse;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.WinPaidEvent;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the {@code postings} table: one posting of one money event, signed in minor units,
 * with the event's identity (id, global position), time, wallet, transaction type and game round.
 * Every money event maps here the same way ({@link #of}); a new money event type needs no new code
 * but, if it names a game round, a line in {@link #gameAndRound}.
 *
 * @param accountKind {@code player} for the wallet's own accounts, {@code system} for the partner's
 * @param transactionType the event's type without its {@code Event} suffix, e.g. {@code BetPlaced}
 */
public record PostingRow(String eventId, int postingIndex, long globalPosition, Instant occurredAt, String partnerId, String playerId,
                         String account, String accountKind, String asset, long amountMinor, String transactionType,
                         String transactionId, String gameId, String roundId) {

    static final String INSERT = "INSERT INTO postings (event_id, posting_index, global_position, occurred_at, day, partner_id, player_id, "
            + "account, account_kind, asset, amount_minor, transaction_type, transaction_id, game_id, round_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The rows of one money event, one per posting, in the event's order. */
    public static List<PostingRow> of(MoneyMovedEvent event, String eventId, long globalPosition, Instant occurredAt) {
        String[] round = gameAndRound(event);
        String type = event.getClass().getSimpleName().replaceFirst("Event$", "");
        List<PostingRow> rows = new ArrayList<>(event.postings().size());
        for (int index = 0; index < event.postings().size(); index++) {
            Posting posting = event.postings().get(index);
            rows.add(new PostingRow(eventId, index, globalPosition, occurredAt, event.walletId().partnerId(), event.walletId().playerId(),
                    posting.account(), posting.isPlayerAccount() ? "player" : "system", posting.asset(), posting.amountMinor(), type,
                    event.transactionId(), round[0], round[1]));
        }
        return rows;
    }

    /** The game and round an event names; empty texts for events of no round. */
    private static String[] gameAndRound(MoneyMovedEvent event) {
        if (event instanceof BetPlacedEvent bet) {
            return new String[] {bet.gameId(), bet.roundId()};
        } else if (event instanceof WinPaidEvent win) {
            return new String[] {win.gameId(), win.roundId()};
        } else if (event instanceof BetRolledBackEvent rollback) {
            return new String[] {rollback.gameId(), rollback.roundId()};
        }
        return new String[] {"", ""};
    }

    /** Inserts {@code rows} as one batch: one round trip, one ClickHouse part. */
    public static void insert(Connection clickHouse, List<PostingRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = clickHouse.prepareStatement(INSERT)) {
            for (PostingRow row : rows) {
                insert.setString(1, row.eventId());
                insert.setInt(2, row.postingIndex());
                insert.setLong(3, row.globalPosition());
                insert.setTimestamp(4, Timestamp.from(row.occurredAt()));
                insert.setDate(5, Date.valueOf(row.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()));
                insert.setString(6, row.partnerId());
                insert.setString(7, row.playerId());
                insert.setString(8, row.account());
                insert.setString(9, row.accountKind());
                insert.setString(10, row.asset());
                insert.setLong(11, row.amountMinor());
                insert.setString(12, row.transactionType());
                insert.setString(13, row.transactionId());
                insert.setString(14, row.gameId() == null ? "" : row.gameId());
                insert.setString(15, row.roundId() == null ? "" : row.roundId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
