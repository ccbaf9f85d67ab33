package io.chipledger.api.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Kafka's own KRaft broker in this JVM (issue 16), for a newcomer with no Kafka: one node that is
 * broker and controller at once, listening on 127.0.0.1 only. Its log directory is formatted once
 * (a {@code meta.properties} in it says so) and kept, so a restart keeps the topics; a {@code null}
 * directory is a temporary one, deleted when the broker closes (the tests' brokers).
 *
 * <p>Kafka's threads are not daemons: {@link #close} must run when the context closes or fails to
 * start, or the JVM never exits (DESIGN.md). Replication is 1 and {@code min.insync.replicas} 1, so
 * {@code acks=all} is the one node's acknowledgement: this broker is for trying the stream, not for
 * production.
 */
final class InJvmKafka implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final Path logDir;
    private final boolean temporary;
    private final int port;
    private KafkaRaftServer server;

    private InJvmKafka(Path logDir, boolean temporary, int port) {
        this.logDir = logDir;
        this.temporary = temporary;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0: a free port, kept for its restarts) keeping its log in
     * {@code logDir} (null: a temporary directory).
     *
     * @throws IllegalStateException when the port is taken or the directory cannot be used
     */
    static InJvmKafka start(int port, Path logDir) {
        try {
            boolean temporary = logDir == null;
            Path dir = temporary ? Files.createTempDirectory("chipledger-kafka") : logDir.toAbsolutePath();
            Files.createDirectories(dir);
            InJvmKafka kafka = new InJvmKafka(dir, temporary, port == 0 ? freePort() : port);
            kafka.startServer();
            return kafka;
        } catch (IOException failed) {
            throw new UncheckedIOException("the in-JVM Kafka broker could not use its log directory", failed);
        }
    }

    /** {@code 127.0.0.1:<port>}, for the producer and any client. */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path logDir() {
        return logDir;
    }

    /** Stops the broker, keeping its log (a test's outage); {@link #restart} brings it back on the same port. */
    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is the system's to clean.
            }
        }
    }

    private void startServer() {
        // A fresh controller port each start: only this node talks to it, and nothing stored names it.
        // Not the broker's own port: that one is not bound yet, so the system may offer it again (seen under load).
        int controllerPort;
        do {
            controllerPort = freePort();
        } while (controllerPort == port);
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", logDir.toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // The publisher creates its topics; a consumer's typo must not create another.
        properties.put("auto.create.topics.enable", "false");
        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        format();
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException failed) {
            started.shutdown();
            throw new IllegalStateException("the in-JVM Kafka broker did not start on 127.0.0.1:" + port + " (is the port taken? "
                    + "chipledger.kafka.embedded-port chooses another): " + failed.getMessage(), failed);
        }
        server = started;
    }

    /** Formats the log directory once, as {@code kafka-storage.sh format} does; a formatted one is kept as it is. */
    private void format() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(Set.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception failed) {
            throw new IllegalStateException("the in-JVM Kafka broker could not format " + logDir + ": " + failed.getMessage(), failed);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException("no free port for the in-JVM Kafka broker", failed);
        }
    }
}
