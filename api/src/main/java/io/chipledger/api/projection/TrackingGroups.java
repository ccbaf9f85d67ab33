package io.chipledger.api.projection;

import io.chipledger.api.activity.WalletActivityFeed;
import io.chipledger.projections.activity.PlayerActivityProjection;
import io.chipledger.projections.history.WalletTransactionProjection;
import io.chipledger.projections.play.PlayLogProjection;
import io.chipledger.projections.purchase.PurchaseHistoryProjection;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.util.List;

/** The ledger's tracking processing groups, named once: the read models, and every group that parks what it cannot handle. */
final class TrackingGroups {

    /** The read models: rebuildable from the events, and what a {@code consistent_with} read waits for. */
    static final List<String> READ_MODELS = List.of(WalletBalanceProjection.GROUP, WalletTransactionProjection.GROUP,
            PlayLogProjection.GROUP, PurchaseHistoryProjection.GROUP, PlayerActivityProjection.GROUP);

    /**
     * The read models and the wallet activity feed: each has a dead-letter queue. The feed is not
     * rebuilt, because the commands it sent are already recorded.
     */
    static final List<String> ALL = List.of(WalletBalanceProjection.GROUP, WalletTransactionProjection.GROUP,
            PlayLogProjection.GROUP, PurchaseHistoryProjection.GROUP, PlayerActivityProjection.GROUP, WalletActivityFeed.GROUP);

    private TrackingGroups() {
    }
}
