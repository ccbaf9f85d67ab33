package io.chipledger.api;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads of the service's own executors (snapshots, verifications, the segment recorder): daemon
 * threads, so none holds the JVM open at shutdown, named {@code <name>-<n>} in thread dumps and
 * logs. Spring's {@link CustomizableThreadFactory} makes them.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
