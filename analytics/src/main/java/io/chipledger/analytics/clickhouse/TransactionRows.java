package io.chipledger.analytics.clickhouse;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.MoneyMovedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code transactions} table: one row per money event and asset it moves, with the player's
 * net change in that asset (all the wallet's accounts together, so a withdrawal's request, which
 * only reserves, nets zero, and its approval carries the money out) and the wallet's available
 * and reserved balances after it.
 */
public final class TransactionRows {

    public static final SinkTable TABLE = new SinkTable("transactions", List.of("event_id", "global_position", "occurred_at", "day",
            "partner_id", "player_id", "transaction_type", "transaction_id", "partner_transaction_id", "asset", "player_delta_minor",
            "available_after_minor", "reserved_after_minor", "game_id", "round_id"));

    private TransactionRows() {
    }

    static List<SinkRow> of(MoneyMovedEvent event, String eventId, Instant recordedAt) {
        Map<String, Long> delta = new TreeMap<>();
        for (Posting posting : event.postings()) {
            delta.merge(posting.asset(), posting.isPlayerAccount() ? posting.amountMinor() : 0L, Math::addExact);
        }
        String[] round = PostingRows.gameAndRound(event);
        return delta.entrySet().stream().map(asset -> {
            Balance after = event.balancesAfter().getOrDefault(asset.getKey(), Balance.ZERO);
            return new SinkRow(TABLE, eventId, List.of(recordedAt, recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                    event.walletId().partnerId(), event.walletId().playerId(), PostingRows.transactionType(event), event.transactionId(),
                    event.partnerTransactionId(), asset.getKey(), asset.getValue(), after.available(), after.reserved(), round[0], round[1]));
        }).toList();
    }
}
