package io.chipledger.api.store;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The players' aggregates this node keeps in memory (wallets and profiles), and the guard that
 * keeps them honest when another node shares the database.
 *
 * <p>A command that appends to a stale wallet loses the race for the next sequence number and is
 * retried on fresh state. A command that appends nothing does not: a freeze of a wallet this node
 * still believes frozen answered 200 and froze nothing, and a bet refused for funds another node
 * had just deposited was a final 422. So before a group's commands run, {@link #evictStale} asks
 * the store, in one query, for the newest sequence of every cached aggregate in the group and
 * drops the entries that are behind; those aggregates load fresh. A change another node commits
 * after that query is found as before: by a lost race if the command appends.
 */
@Component
public class CachedAggregates {

    private final List<BoundedAggregateCache> caches;
    private final JdbcTemplate jdbc;

    CachedAggregates(List<BoundedAggregateCache> caches, JdbcTemplate jdbc) {
        this.caches = List.copyOf(caches);
        this.jdbc = jdbc;
    }

    /** Drops every cached aggregate among {@code aggregateIds} that is older than the store; one query, none if nothing is cached. */
    public void evictStale(Collection<String> aggregateIds) {
        Map<String, Long> cachedVersions = new LinkedHashMap<>();
        for (String aggregateId : aggregateIds) {
            for (BoundedAggregateCache cache : caches) {
                Long version = cache.cachedVersion(aggregateId);
                if (version != null) {
                    cachedVersions.put(aggregateId, version);
                }
            }
        }
        if (cachedVersions.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(cachedVersions.keySet());
        jdbc.query(connection -> {
            // A scalar subquery per aggregate: an index lookup each (see GroupTransaction.positionsOf).
            PreparedStatement statement = connection.prepareStatement("SELECT wanted.aggregate_identifier, "
                    + "(SELECT max(e.sequence_number) FROM domain_event_entry e WHERE e.aggregate_identifier = wanted.aggregate_identifier) "
                    + "FROM unnest(?::varchar[]) AS wanted (aggregate_identifier)");
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, row -> {
            String aggregateId = row.getString(1);
            long stored = row.getLong(2);
            if (!row.wasNull() && stored > cachedVersions.get(aggregateId)) {
                caches.forEach(cache -> cache.remove(aggregateId));
            }
        });
    }
}
