package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void pastItsLimitTheCacheDropsTheLeastRecentlyUsedWallet() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        cache.put("alice", "a");
        cache.put("bob", "b");
        assertThat((String) cache.get("alice")).isEqualTo("a");

        cache.put("carol", "c");

        assertThat(cache.containsKey("alice")).isTrue();
        assertThat(cache.containsKey("bob")).as("least recently used").isFalse();
        assertThat(cache.containsKey("carol")).isTrue();
    }

    @Test
    void putIfAbsentKeepsTheFirstEntryAndRemoveForgetsIt() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        assertThat(cache.putIfAbsent("alice", "first")).isTrue();
        assertThat(cache.putIfAbsent("alice", "second")).isFalse();
        assertThat((String) cache.get("alice")).isEqualTo("first");

        assertThat(cache.remove("alice")).isTrue();
        assertThat(cache.containsKey("alice")).isFalse();
    }

    @Test
    void aCacheHoldsAtLeastOneEntry() {
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
