package io.chipledger.api.store;

import io.chipledger.api.DaemonThreads;
import io.chipledger.api.LedgerProperties;
import io.chipledger.core.admin.AdminKey;
import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.campaign.Campaign;
import io.chipledger.core.segment.PlayerSegment;
import io.chipledger.core.segment.SegmentRuleBook;
import io.chipledger.core.partner.Partner;
import io.chipledger.core.settlement.SettlementStatement;
import io.chipledger.core.profile.PlayerProfile;
import io.chipledger.core.wallet.PlayerWallet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store on PostgreSQL without Axon Server: Axon's JDBC engine on the snake_case tables
 * of {@code V1__event_store.sql}, where every event carries its hash-chain link; the two
 * aggregates with a cache and snapshots; a command gateway that retries concurrency conflicts.
 */
@Configuration(proxyBeanMethods = false)
class AxonStoreConfiguration {

    /** A wallet is snapshotted every this many events, so loading a long-lived wallet reads at most this many. */
    static final int EVENTS_PER_SNAPSHOT = 200;

    @Bean
    @Primary
    Serializer serializer() {
        return new StableNameSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Events one query of the engine reads, for a processor's stream and for an aggregate's history.
     * Axon's default of 100 made a processor catching up wait on a round trip to PostgreSQL for every
     * 100 events (docs/performance.md, Kafka publisher).
     */
    static final int EVENTS_PER_READ = 1_000;

    /**
     * Axon's JDBC engine, with the insert of events replaced by one that chains them
     * ({@link ChainedAppend}) and snapshots sealed to their chain ({@link SealedSnapshots}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, LedgerProperties properties, DataSource dataSource,
                                          MeterRegistry meters, @Value("${chipledger.audit.snapshot-key:}") String snapshotKey) {
        // Gaps are waited for as long as a transaction may hold one open: see AppendTransactionBound.
        Duration gapTimeout = AppendTransactionBound.gapTimeout(properties.groupCommit().answerWaitMax());
        SealedSnapshots snapshots = new SealedSnapshots(new JdbcTemplate(dataSource), meters, snapshotKey(snapshotKey));
        return JdbcEventStorageEngine.builder()
                .appendEvents(new ChainedAppend(new ChainHeads()))
                .appendSnapshot(snapshots)
                .snapshotFilter(snapshots)
                .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                .gapCleaningThreshold(AppendTransactionBound.GAP_CLEANING_THRESHOLD)
                .maxGapOffset(AppendTransactionBound.MAX_GAP_OFFSET)
                .batchSize(EVENTS_PER_READ)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .build();
    }

    /**
     * The key snapshots are sealed with: the configured one, or, when none is, a random key of this
     * process. Deny by default: without a configured key nobody, not even an earlier run of this
     * service, can make a snapshot this process uses; the cost is that each start (and each node)
     * loads long wallets from their events once and snapshots them again.
     */
    private static byte[] snapshotKey(String configured) {
        if (!configured.isEmpty()) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        org.slf4j.LoggerFactory.getLogger(AxonStoreConfiguration.class).info("snapshots are sealed with a key of this process only: set "
                + "chipledger.audit.snapshot-key (CHIPLEDGER_AUDIT_SNAPSHOT_KEY), the same on every node, so they are used after a restart "
                + "and by the other nodes (docs/audit.md)");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * Connections from Spring's transaction, and nothing more. Axon's default wraps this so the
     * first unit of work that asks for a connection commits or rolls it back itself: with group
     * commit that was a nested unit of work, committing or rolling back the whole group's
     * transaction in the middle of the group. Spring's transaction alone decides.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    BoundedAggregateCache walletCache(LedgerProperties properties) {
        return new BoundedAggregateCache(properties.walletsCachedMax());
    }

    @Bean
    BoundedAggregateCache profileCache(LedgerProperties properties) {
        return new BoundedAggregateCache(properties.walletsCachedMax());
    }

    /** Campaigns cached at once: those delivering now, each loaded for every one of its deliveries. */
    static final int CAMPAIGNS_CACHED_MAX = 1_000;

    @Bean
    BoundedAggregateCache campaignCache() {
        return new BoundedAggregateCache(CAMPAIGNS_CACHED_MAX);
    }

    /**
     * Wallets and profiles are cached (their staleness is guarded by {@link CachedAggregates});
     * partners, admin keys, settlement statements, AML alerts, rule books and published segments are small, rarely changed, and loaded from the store every time, so
     * a node never decides on a partner another node changed.
     */
    @Bean
    ConfigurerModule aggregatesWithCacheAndSnapshots(TransactionManager transactionManager, BoundedAggregateCache walletCache,
                                                     BoundedAggregateCache profileCache, BoundedAggregateCache campaignCache) {
        return configurer -> {
            configurer.configureAggregate(cachedWithSnapshots(PlayerWallet.class, "wallet", transactionManager, walletCache));
            configurer.configureAggregate(cachedWithSnapshots(PlayerProfile.class, "profile", transactionManager, profileCache));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Partner.class));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(AdminKey.class));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(SettlementStatement.class));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(AmlAlert.class));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(SegmentRuleBook.class));
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(PlayerSegment.class));
            // A coupon is not cached (each use is decided on what the store holds, on any node), but may have up to 100,000 uses:
            // a snapshot every EVENTS_PER_SNAPSHOT events bounds what a redemption reads.
            configurer.configureAggregate(withSnapshots(AggregateConfigurer.defaultConfiguration(Coupon.class), Coupon.class, "coupon",
                    transactionManager));
            // Pools are loaded from the store every time too, but a busy pool has thousands of draws: from a recent snapshot.
            configurer.configureAggregate(withSnapshots(AggregateConfigurer.defaultConfiguration(RewardPool.class), RewardPool.class,
                    "reward-pool", transactionManager));
            // A campaign takes an event per delivery (tens of thousands): cached and snapshotted like a wallet.
            configurer.configureAggregate(cachedWithSnapshots(Campaign.class, "campaign", transactionManager, campaignCache));
        };
    }

    /** Players' aggregates: many, long-lived, busy; kept in a bounded cache and loaded from a recent snapshot. */
    private static <T> AggregateConfigurer<T> cachedWithSnapshots(Class<T> aggregate, String name, TransactionManager transactionManager,
                                                                  BoundedAggregateCache cache) {
        return withSnapshots(AggregateConfigurer.defaultConfiguration(aggregate).configureCache(c -> cache), aggregate, name, transactionManager);
    }

    /** Loaded from its newest snapshot and the events after it; a snapshot is taken every {@link #EVENTS_PER_SNAPSHOT} events. */
    private static <T> AggregateConfigurer<T> withSnapshots(AggregateConfigurer<T> configurer, Class<T> aggregate, String name,
                                                            TransactionManager transactionManager) {
        return configurer
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                        AggregateSnapshotter.builder()
                                .eventStore(c.eventStore())
                                // The configuration's resolvers: the wallet's handlers take components (Fates) the classpath alone has not.
                                .aggregateFactories(new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory.inspectAggregate(
                                        aggregate, c.parameterResolverFactory(), c.handlerDefinition(aggregate))))
                                .parameterResolverFactory(c.parameterResolverFactory())
                                .handlerDefinition(c.handlerDefinition(aggregate))
                                .transactionManager(transactionManager)
                                .executor(Executors.newSingleThreadExecutor(DaemonThreads.named(name + "-snapshotter")))
                                .build(),
                        EVENTS_PER_SNAPSHOT));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("command-retry"));
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyConflictRetryScheduler(commandRetryExecutor))
                .build();
    }

}
