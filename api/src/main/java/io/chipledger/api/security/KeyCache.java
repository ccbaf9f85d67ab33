package io.chipledger.api.security;

import io.chipledger.core.audit.Sha256;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The keys this node has checked, so a request with a known key reads one number instead of the
 * key and its partner (issue 18). Each entry is what the access read model said of the key
 * (revocation, expiry, the partner's status and policy), found by the SHA-256 of the whole
 * presented key; expiry and status are checked on every request as before.
 *
 * <p>Kept honest by the database: a trigger on the key and partner tables (V23) bumps one
 * generation number in the transaction of any change, and every request reads it (one row, by its
 * primary key). Entries of an older generation are forgotten before the key is looked at, so a
 * revocation, a suspension or a policy change counts on every node from the first request after
 * it committed. (A PostgreSQL notification to each node was tried first: under load it arrived up
 * to 37 ms after the revocation had answered, and the revoked key went on working on the other
 * node meanwhile.)
 *
 * <p>Bounded: at most {@link #ENTRIES_MAX} keys; when full it starts again empty. Refused keys
 * are never cached, so a wrong key always reads the key tables.
 */
@Component
public class KeyCache {

    static final int ENTRIES_MAX = 10_000;

    private record Entry(Object access, long generation) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public KeyCache(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the read model says of {@code presentedKey}: from the cache when nothing changed since
     * it was cached, else from {@code read} (then cached when it found the key).
     */
    <T> Optional<T> find(String presentedKey, Class<T> type, Supplier<Optional<T>> read) {
        long generation = currentGeneration();
        String id = Sha256.hex(presentedKey);
        Entry cached = entries.get(id);
        if (cached != null && cached.generation() == generation && type.isInstance(cached.access())) {
            return Optional.of(type.cast(cached.access()));
        }
        // Read after the generation: a change committing in between leaves an entry of the old number, read again next time.
        Optional<T> found = read.get();
        found.ifPresent(access -> remember(id, new Entry(access, generation)));
        return found;
    }

    private long currentGeneration() {
        Long generation = jdbc.queryForObject("SELECT generation FROM key_access_generation WHERE id = 1", Long.class);
        if (generation == null) {
            throw new IllegalStateException("key_access_generation has no row (migration V23)");
        }
        return generation;
    }

    private void remember(String id, Entry entry) {
        if (entries.size() >= ENTRIES_MAX) {
            entries.clear();
        }
        entries.put(id, entry);
    }
}
