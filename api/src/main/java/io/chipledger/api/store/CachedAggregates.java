package io.chipledger.api.store;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The players' aggregates (wallets and profiles) this node keeps in memory.
 *
 * <p>Another node sharing the database may change a wallet this node has cached. A command that
 * appends to the stale copy loses the race for the next sequence number and is retried on fresh
 * state. A command that appends nothing does not lose a race, so group commit checks those
 * itself (see {@code GroupTransaction}): a refusal decided on a cached wallet is decided once
 * more on what the store holds (the refusal has dropped the copy), and an outcome whose wallet
 * has newer events in the store than the group wrote is run again, like a lost race. Without
 * this, a freeze answered 200 and froze nothing, and a bet was refused for funds the other node
 * had just deposited.
 */
@Component
public class CachedAggregates {

    private final List<BoundedAggregateCache> caches;

    CachedAggregates(List<BoundedAggregateCache> caches) {
        this.caches = List.copyOf(caches);
    }

    /** Whether this node holds {@code aggregateId} in memory: a decision on it may be on a copy older than the store. */
    public boolean isCached(String aggregateId) {
        return caches.stream().anyMatch(cache -> cache.containsKey(aggregateId));
    }
}
