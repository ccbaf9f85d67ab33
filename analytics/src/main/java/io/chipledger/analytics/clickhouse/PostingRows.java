package io.chipledger.analytics.clickhouse;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.RoundMoneyEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code postings} table: one row per posting of a money event, signed in minor units, with
 * the event's time, wallet, transaction type and game round. Every posting of an event is there,
 * the partner's accounts' too ({@code account_kind} {@code system}), so each event's rows sum to
 * zero per asset, and the house account's postings are the gross gaming revenue.
 */
public final class PostingRows {

    public static final SinkTable TABLE = new SinkTable("postings", List.of("event_id", "global_position", "posting_index", "occurred_at",
            "day", "partner_id", "player_id", "account", "account_kind", "asset", "amount_minor", "transaction_type", "transaction_id",
            "game_id", "round_id"));

    private PostingRows() {
    }

    /** The rows of one money event, one per posting, in the event's order. */
    static List<SinkRow> of(MoneyMovedEvent event, String eventId, Instant recordedAt) {
        String[] round = gameAndRound(event);
        List<SinkRow> rows = new ArrayList<>(event.postings().size());
        for (int index = 0; index < event.postings().size(); index++) {
            Posting posting = event.postings().get(index);
            rows.add(new SinkRow(TABLE, eventId, List.of(index, recordedAt, recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                    event.walletId().partnerId(), event.walletId().playerId(), posting.account(),
                    posting.isPlayerAccount() ? "player" : "system", posting.asset(), posting.amountMinor(), transactionType(event),
                    event.transactionId(), round[0], round[1])));
        }
        return rows;
    }

    /** The event's type without its {@code Event} suffix, e.g. {@code BetPlaced}: the transaction type of every table. */
    static String transactionType(MoneyMovedEvent event) {
        return TRANSACTION_TYPES.get(event.getClass());
    }

    /** Made once per event class: a name per row would cost a regex on the sink's hot path. */
    private static final ClassValue<String> TRANSACTION_TYPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceFirst("Event$", "");
        }
    };

    /** The game and round an event names; empty texts for events of no round. */
    static String[] gameAndRound(MoneyMovedEvent event) {
        return event instanceof RoundMoneyEvent round ? new String[] {round.gameId(), round.roundId()} : new String[] {"", ""};
    }
}
