package io.chipledger.api.security;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets shared by every node through PostgreSQL (Bucket4j's select-for-update proxy
 * manager on {@code rate_limit_bucket}, V25): one per key and one per client address. A bucket
 * holds {@code burst} requests and refills {@code requestsPerSecond} evenly.
 *
 * <p>Cheap on the request path: each node counts a bucket by itself for up to
 * {@code sync-every} or a twentieth of its burst, whichever comes first, then writes back
 * (Bucket4j's delaying optimisation). So across N nodes a client gets at most N twentieths of a
 * burst more than its limit. A bucket's id carries its limit, so a partner's new limit starts a
 * new, full bucket.
 *
 * <p>Fails open: when PostgreSQL cannot be asked, the request goes on (and meets the database's
 * own 503 if it needs it); a rate limit is no reason to refuse what the ledger could do.
 */
@Component
public class RateLimits {

    /** Buckets this node keeps counting between syncs; when full it starts again empty (their state is in PostgreSQL). */
    static final int BUCKETS_CACHED_MAX = 10_000;
    /** Expired rows deleted a sweep, at most. */
    static final int EXPIRED_DELETED_MAX = 1_000;
    private static final int UNSYNCED_SHARE_OF_BURST = 20;
    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /** The answer for one request: allowed, or refused until {@code retryAfterSeconds} (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds, RateLimit limit) {
    }

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Duration syncEvery;
    private final Map<String, BucketProxy> counting = new ConcurrentHashMap<>();

    RateLimits(DataSource dataSource, AccessProperties properties) {
        this.syncEvery = properties.rateLimits().syncEvery();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // A bucket that has refilled to full says nothing a new one would not: its row can go.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** Takes one request from the bucket {@code id} (a key's or an address's) under {@code limit}. */
    public Decision take(String id, RateLimit limit) {
        String bucketId = id + "@" + limit.requestsPerSecond() + "/" + limit.burst();
        try {
            ConsumptionProbe probe = bucket(bucketId, limit).tryConsumeAndReturnRemaining(1);
            // Whole seconds, rounded up: a client that waits this long finds a request in the bucket.
            long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            return new Decision(probe.isConsumed(), retryAfter, limit);
        } catch (RuntimeException storeAway) {
            counting.remove(bucketId);
            log.warn("rate limit {} not checked, request let through: {}", limit, storeAway.toString());
            return new Decision(true, 0, limit);
        }
    }

    /**
     * Takes one from the bucket {@code id} of {@code capacity} that refills evenly over {@code period},
     * counted in PostgreSQL on every take (no node counts ahead by itself): for rare things that must
     * be counted exactly, such as failed guesses of a coupon code. Answers 0 when taken, else the
     * whole seconds until one is back (at least 1). Fails open, as {@link #take} does.
     */
    public long takeExactly(String id, int capacity, Duration period) {
        try {
            ConsumptionProbe probe = exactBucket(id, capacity, period).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        } catch (RuntimeException storeAway) {
            log.warn("exact limit {} not checked, let through: {}", id, storeAway.toString());
            return 0;
        }
    }

    /** Puts back what {@link #takeExactly} took, when what it counted did not happen after all; never past the capacity. */
    public void giveBack(String id, int capacity, Duration period) {
        try {
            exactBucket(id, capacity, period).addTokens(1);
        } catch (RuntimeException storeAway) {
            log.warn("exact limit {} not given back: {}", id, storeAway.toString());
        }
    }

    private BucketProxy exactBucket(String id, int capacity, Duration period) {
        String bucketId = id + "@" + capacity + "/" + period.toSeconds() + "s";
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(capacity, period))
                .build();
        return buckets.builder().build(bucketId, () -> configuration);
    }

    private BucketProxy bucket(String bucketId, RateLimit limit) {
        BucketProxy bucket = counting.get(bucketId);
        if (bucket != null) {
            return bucket;
        }
        if (counting.size() >= BUCKETS_CACHED_MAX) {
            counting.clear();
        }
        long unsynced = Math.max(1, limit.burst() / UNSYNCED_SHARE_OF_BURST) - 1;
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
        BucketProxy created = unsynced == 0 || syncEvery.isZero()
                ? buckets.builder().build(bucketId, () -> configuration)
                : buckets.builder().withOptimization(Optimizations.delaying(new DelayParameters(unsynced, syncEvery)))
                        .build(bucketId, () -> configuration);
        BucketProxy raced = counting.putIfAbsent(bucketId, created);
        return raced == null ? created : raced;
    }

    /** Forgets the rows of buckets that have refilled: clients come and go, the table must not only grow. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetFullBuckets() {
        try {
            int removed;
            do {
                removed = buckets.removeExpired(EXPIRED_DELETED_MAX);
            } while (removed == EXPIRED_DELETED_MAX);
        } catch (RuntimeException storeAway) {
            log.warn("expired rate-limit buckets not removed this time: {}", storeAway.toString());
        }
    }
}
