package io.chipledger.api;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A whole ChipLedger service in a process of its own, so that a test can kill it as the kernel
 * would (SIGKILL: no shutdown hook, no graceful stop) and start it again with the same settings
 * on the same port. {@link ServiceInstance} runs a service inside the test's JVM, which cannot be
 * killed that way.
 *
 * <p>The process runs the packaged jar when one is given ({@code java -jar}, as scripts/run.sh
 * does), otherwise {@link ChipLedgerApplication} on the test's own class path without the test
 * classes. Its output goes to a log file, kept across its restarts. Everything it needs (database,
 * ClickHouse, Kafka) must outlive it: an embedded PostgreSQL or Kafka started by the service
 * itself would die with it, and the embedded PostgreSQL's server would be left orphaned.
 */
public final class ServiceProcess implements AutoCloseable {

    /** A cold start on a busy two-core machine, Flyway's migrations included, took 35 s. */
    private static final Duration START_MAX = Duration.ofSeconds(240);
    private static final Duration EXIT_MAX = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 60;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final List<String> javaOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path jar;
    private final Path log;
    private volatile Process process;
    private Duration lastStart = Duration.ZERO;

    /**
     * @param name        how messages and the log file name it
     * @param jar         the packaged service ({@code api/target/chipledger.jar}), or null for the test's class path
     * @param javaOptions the JVM's options, e.g. {@code -Xmx1g}
     * @param arguments   the service's settings as Spring arguments ({@code --name=value}); the port is added
     * @param environment more settings as environment variables, over the test's own: secrets (the admin key, the
     *                    snapshot key, passwords) go here, where {@code ps} does not show them
     * @param logDir      where {@code <name>.log} is written
     */
    public ServiceProcess(String name, Path jar, List<String> javaOptions, List<String> arguments, Map<String, String> environment,
                          Path logDir) {
        this.name = name;
        this.port = ServiceInstance.freePort();
        this.jar = jar;
        this.javaOptions = List.copyOf(javaOptions);
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
        try {
            // One log per run of a test, all its restarts in it; the previous run's goes.
            Files.createDirectories(logDir);
            Files.deleteIfExists(log);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        // A test JVM that ends without closing it leaves no service behind (not synchronized: a start may hold the lock).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, name + "-killer"));
    }

    /** Starts the process and waits until the service answers its readiness probe. */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        long started = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException failed) {
            throw new UncheckedIOException("could not start " + name, failed);
        }
        awaitReady(started);
        lastStart = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    /** SIGKILL, as {@code kill -9}: the JVM ends at once, in the middle of whatever it was doing. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    /** A graceful stop (SIGTERM), for the end of a test. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** A new client (a fresh HTTP connection pool: the old one's connections died with the process). */
    public LedgerClient client() {
        return new LedgerClient(port);
    }

    public int port() {
        return port;
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /**
     * The owner name this process's tracking processors write into {@code token_entry}: Axon's
     * default, the JVM's {@code pid@host}. The host part is this JVM's, the same machine's.
     */
    public String tokenOwner() {
        String self = ManagementFactory.getRuntimeMXBean().getName();
        return pid() + self.substring(self.indexOf('@'));
    }

    /** How long the last start took, until the readiness probe answered. */
    public Duration lastStart() {
        return lastStart;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", serviceClassPath(), ChipLedgerApplication.class.getName()));
        }
        command.addAll(arguments);
        command.add("--server.port=" + port);
        return command;
    }

    /**
     * The test JVM's class path without the test classes: under Surefire {@code java.class.path}
     * may be a manifest-only jar, and {@code surefire.test.class.path} holds the real entries.
     */
    private static String serviceClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitReady(long startedNanos) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = startedNanos + START_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " was starting", interrupted);
            }
            sleep(Duration.ofMillis(200));
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + START_MAX + ":\n" + logTail());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the log, for a failure's message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(the log " + log + " could not be read: " + unreadable.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
