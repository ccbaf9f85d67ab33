package io.chipledger.api.security;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call from where, and how often ({@code chipledger.access.*}, docs/security.md).
 *
 * @param trustedProxies CIDR blocks of the proxies in front of the service whose {@code X-Forwarded-For}
 *                       is believed; empty (the default): the header is ignored and the client is the peer
 * @param rateLimits     the request rates each key and each client address may keep up
 */
@ConfigurationProperties("chipledger.access")
public record AccessProperties(List<String> trustedProxies, RateLimitSettings rateLimits) {

    /** Proxies in one list: a load balancer's and an ingress's ranges, not a country's. */
    public static final int TRUSTED_PROXIES_MAX = 50;

    public AccessProperties {
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().map(IpBlocks::canonicalBlock).toList();
        if (trustedProxies.size() > TRUSTED_PROXIES_MAX) {
            throw new IllegalArgumentException("chipledger.access.trusted-proxies has at most " + TRUSTED_PROXIES_MAX + " blocks");
        }
        if (rateLimits == null) {
            throw new IllegalArgumentException("chipledger.access.rate-limits is required (application.yml has the defaults)");
        }
    }

    /**
     * @param enabled   false turns both limits off (a node behind a gateway that limits already)
     * @param key       each key's limit unless its partner has its own (admin API)
     * @param address   each client address's limit, with or without a key: it slows down key guessing
     * @param syncEvery how long a node may count a bucket by itself before it writes back to PostgreSQL
     *                  (Bucket4j's delaying optimisation); with N nodes a client can exceed a limit by at
     *                  most N times the unsynced share of its burst
     */
    public record RateLimitSettings(boolean enabled, RateLimit key, RateLimit address, Duration syncEvery) {

        public RateLimitSettings {
            if (key == null || address == null || syncEvery == null || syncEvery.isNegative() || syncEvery.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("chipledger.access.rate-limits needs key, address and sync-every (0 to 1s)");
            }
        }
    }
}
