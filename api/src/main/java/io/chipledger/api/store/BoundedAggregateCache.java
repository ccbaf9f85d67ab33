package io.chipledger.api.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * A strong, least-recently-used cache of aggregates with a hard limit on entries. Axon's
 * WeakReferenceCache let the garbage collector drop a wallet between two of its commands, so a
 * busy wallet was reloaded from snapshot and events again and again; this one keeps the most
 * recently used wallets until the limit and never grows past it.
 */
class BoundedAggregateCache implements Cache {

    private final Map<Object, Object> entries;

    BoundedAggregateCache(int entriesMax) {
        if (entriesMax < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + entriesMax);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > entriesMax;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public synchronized void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        // Nothing in the ledger listens to cache events.
        return () -> true;
    }
}
