package io.chipledger.api.security;

import io.chipledger.api.DaemonThreads;
import io.chipledger.core.audit.Sha256;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The keys this node has checked, so a request with a known key costs no query (issue 18: the key
 * query was an eighth of the service's CPU per command). Each entry is what the access read model
 * said of the key (revocation, expiry, the partner's status and policy), found by the SHA-256 of
 * the whole presented key; expiry and status are checked on every request as before.
 *
 * <p>Invalidated by the database itself: a trigger on the key and partner tables (V23) sends a
 * PostgreSQL notification as any change commits, on any node, and every node's listener forgets
 * everything it cached. A revocation is refused on this node from the next request, and on
 * another node once the notification has reached it (delivered at commit; on loopback well under
 * a millisecond, docs/security.md). The cache is used only while the listener is connected: when
 * its connection is lost, the cache is emptied and every request reads the database until it is
 * back, so a notification missed while away can never leave a revoked key cached.
 *
 * <p>Bounded: at most {@link #ENTRIES_MAX} keys; when full it starts again empty. Refused keys
 * are never cached, so a wrong key always reads the database.
 */
@Component
public class KeyCache implements SmartLifecycle {

    static final String CHANNEL = "chipledger_key_access";
    static final int ENTRIES_MAX = 10_000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(KeyCache.class);

    private final DataSource dataSource;
    private final Map<String, Object> entries = new ConcurrentHashMap<>();
    /** Counts the times the cache was emptied; a lookup caches what it read only if none happened meanwhile. */
    private long generation;
    private volatile boolean listening;
    private volatile boolean running;
    private ExecutorService listener;

    public KeyCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What the read model says of {@code presentedKey}: from the cache, or from {@code read}
     * (cached when it found the key and the listener is connected).
     */
    <T> Optional<T> find(String presentedKey, Class<T> type, Supplier<Optional<T>> read) {
        if (!listening) {
            return read.get();
        }
        String id = Sha256.hex(presentedKey);
        Object cached = entries.get(id);
        if (type.isInstance(cached)) {
            return Optional.of(type.cast(cached));
        }
        long before = generation();
        Optional<T> found = read.get();
        found.ifPresent(value -> remember(id, value, before));
        return found;
    }

    /**
     * Forgets every key as the current unit of work commits (at once when there is none), so the
     * command that changed a key answers only after this node has forgotten it.
     */
    void forgetOnCommit() {
        forgetAll();
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(committed -> forgetAll()));
    }

    /** Forgets every key: the read model changed. */
    synchronized void forgetAll() {
        generation++;
        entries.clear();
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void remember(String id, Object value, long readAtGeneration) {
        if (!listening || readAtGeneration != generation) {
            return; // emptied while it was read: what was read may be what the change replaced
        }
        if (entries.size() >= ENTRIES_MAX) {
            entries.clear();
        }
        entries.put(id, value);
    }

    /** Listens for changes until stopped; reconnects after a lost connection, with the cache off meanwhile. */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                forgetAll(); // anything cached before now may predate a change this listener did not hear
                listening = true;
                while (running) {
                    PGNotification[] received = notifications.getNotifications((int) POLL.toMillis());
                    if (received != null && received.length > 0) {
                        forgetAll();
                    }
                }
            } catch (SQLException | RuntimeException lost) {
                if (running) {
                    log.warn("the key cache lost its database listener; keys are read from the database until it is back", lost);
                }
            } finally {
                listening = false;
                forgetAll();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** True while changes are heard and the cache is in use. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        listener = Executors.newSingleThreadExecutor(DaemonThreads.named("key-cache-listener"));
        listener.execute(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        forgetAll();
        listener.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
