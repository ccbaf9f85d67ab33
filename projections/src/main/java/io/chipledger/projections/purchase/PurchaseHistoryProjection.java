package io.chipledger.projections.purchase;

import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.PurchaseMadeEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.EventPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** A player's shop purchases, newest first; keyed by the ledger's transaction id, so a replay inserts nothing twice. */
@Component
@ProcessingGroup(PurchaseHistoryProjection.GROUP)
public class PurchaseHistoryProjection {

    public static final String GROUP = "purchase-history";
    public static final int PAGE_SIZE_MAX = 200;
    private static final String INSERT_PURCHASE = "INSERT INTO purchase (transaction_id, partner_id, player_id, global_position, "
            + "partner_transaction_id, sku, quantity, price_asset, price_minor, purchased_at) "
            + "VALUES (?, ?, ?, " + EventPosition.OF_EVENT + ", ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public PurchaseHistoryProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    /** One purchase; {@code position} is also the cursor for the next (older) page. */
    public record Purchase(String transactionId, String partnerTransactionId, String sku, int quantity, AssetAmount price,
                           long position, Instant purchasedAt) {
    }

    @EventHandler
    void on(PurchaseMadeEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        writes.rows(INSERT_PURCHASE).put(event.transactionId(), new Object[] {event.transactionId(),
                event.walletId().partnerId(), event.walletId().playerId(), eventId, event.partnerTransactionId(),
                event.sku(), event.quantity(), event.price().asset(), event.price().amountMinor(), java.sql.Timestamp.from(at)});
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE purchase");
    }

    public List<Purchase> purchases(WalletId wallet, Long beforePosition, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("limit must be 1.." + PAGE_SIZE_MAX);
        }
        return jdbc.query("SELECT transaction_id, partner_transaction_id, sku, quantity, price_asset, price_minor, global_position, "
                        + "purchased_at FROM purchase WHERE partner_id = ? AND player_id = ? AND global_position < ? "
                        + "ORDER BY global_position DESC LIMIT ?",
                PurchaseHistoryProjection::purchase, wallet.partnerId(), wallet.playerId(),
                beforePosition == null ? Long.MAX_VALUE : beforePosition, limit);
    }

    private static Purchase purchase(ResultSet row, int index) throws SQLException {
        return new Purchase(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                new AssetAmount(row.getString(5), row.getLong(6)), row.getLong(7), row.getTimestamp(8).toInstant());
    }
}
