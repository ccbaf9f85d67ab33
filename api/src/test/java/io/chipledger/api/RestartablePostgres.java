package io.chipledger.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL of a test's own (the embedded binaries the service uses, which also run as root),
 * on a fixed port and data folder, that the test can crash and start again: other engineers'
 * tests share the machine's PostgreSQL, which must never be stopped.
 */
public final class RestartablePostgres implements AutoCloseable {

    private static final Duration STOP_WAIT_MAX = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres running;

    public RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Starts (again) on the same data and port; after a crash PostgreSQL recovers from its WAL first. */
    public void start() {
        try {
            // Durable commits, as any PostgreSQL the ledger runs on (the library's default is off).
            running = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("synchronous_commit", "on").setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port, e);
        }
    }

    /**
     * Stops like a crash, as {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster): every
     * connection is cut, nothing is flushed beyond the WAL, and the next start recovers.
     */
    public void crash() {
        try {
            // The postmaster's pid, from its own lock file: the process the library started is pg_ctl, which has ended.
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(STOP_WAIT_MAX.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not crash PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        // Releases the data folder's lock for the next start; its own stop finds nothing to stop (and logs an ERROR saying so).
        close();
    }

    @Override
    public void close() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop", e);
            }
            running = null;
        }
    }
}
