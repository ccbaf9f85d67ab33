package io.chipledger.api.projection;

import io.chipledger.api.activity.WalletActivityFeed;
import io.chipledger.projections.campaign.CampaignProjection;
import io.chipledger.projections.activity.PlayerActivityProjection;
import io.chipledger.projections.aml.AmlEngineProjection;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import io.chipledger.projections.history.WalletTransactionProjection;
import io.chipledger.projections.play.PlayLogProjection;
import io.chipledger.projections.purchase.PurchaseHistoryProjection;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;

/** The ledger's tracking processing groups, named once: the read models, and every group that parks what it cannot handle. */
public final class TrackingGroups {

    /** The ClickHouse sink (issue 14): only a processor of this node when analytics is on. */
    public static final String ANALYTICS_SINK = "clickhouse-sink";

    /** The Kafka publisher (issue 16): only a processor of this node while it publishes. */
    public static final String KAFKA_PUBLISHER = "kafka-publisher";

    /**
     * The read models: rebuildable from the events, and what a {@code consistent_with} read waits
     * for. The AML engine (issue 15) is one: its profiles are read, and its rebuild is a replay that
     * decides the same alerts under the same ids, so it raises none again.
     */
    static final List<String> READ_MODELS = List.of(WalletBalanceProjection.GROUP, WalletTransactionProjection.GROUP,
            PlayLogProjection.GROUP, PurchaseHistoryProjection.GROUP, PlayerActivityProjection.GROUP, AmlEngineProjection.GROUP,
            PlayerSegmentProjection.GROUP, CampaignProjection.GROUP);

    /**
     * The read models, the wallet activity feed, the ClickHouse sink and the Kafka publisher: each
     * has a dead-letter queue. The feed is not rebuilt, because the commands it sent are already
     * recorded; the sink and the publisher resend ({@link #DELIVERIES}). Staff see a group only where
     * this node runs its processor ({@link #running}): the sink not at all while analytics is off.
     */
    static final List<String> ALL = List.of(WalletBalanceProjection.GROUP, WalletTransactionProjection.GROUP,
            PlayLogProjection.GROUP, PurchaseHistoryProjection.GROUP, PlayerActivityProjection.GROUP, AmlEngineProjection.GROUP,
            PlayerSegmentProjection.GROUP, CampaignProjection.GROUP, WalletActivityFeed.GROUP, ANALYTICS_SINK, KAFKA_PUBLISHER);

    /**
     * The groups that deliver events elsewhere, at least once: a resend (a token reset) sends every
     * event again, which ClickHouse's tables and Kafka's consumers deduplicate by event id.
     */
    static final List<String> DELIVERIES = List.of(ANALYTICS_SINK, KAFKA_PUBLISHER);

    /** The groups of {@link #ALL} this node has a processor for. */
    static List<String> running(EventProcessingConfiguration processing) {
        return ALL.stream().filter(group -> processing.eventProcessor(group).isPresent()).toList();
    }

    private TrackingGroups() {
    }
}
