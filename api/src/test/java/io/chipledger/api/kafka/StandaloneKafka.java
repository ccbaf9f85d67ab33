package io.chipledger.api.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker that outlives the services a test runs in processes of their own
 * ({@link io.chipledger.api.ServiceProcess}): Kafka's KRaft broker in the test's JVM, on a free
 * port, with a temporary log. A service killed with SIGKILL leaves it running, as a production
 * Kafka cluster outlives a crashed service node, and two nodes publish to it alike.
 */
public final class StandaloneKafka implements AutoCloseable {

    private final InJvmKafka broker;

    private StandaloneKafka(InJvmKafka broker) {
        this.broker = broker;
    }

    public static StandaloneKafka start() {
        quietLogs();
        return new StandaloneKafka(InJvmKafka.start(0, null));
    }

    /**
     * The levels the service's application.yml gives Kafka's loggers: a test JVM without a Spring
     * context logs every INFO line of the broker (over a thousand a run) into the build's output.
     */
    private static void quietLogs() {
        Map<String, Level> levels = Map.of("kafka", Level.WARN, "org.apache.kafka", Level.WARN, "state.change.logger", Level.WARN,
                "org.apache.kafka.controller", Level.ERROR, "org.apache.zookeeper", Level.WARN);
        levels.forEach((name, level) -> {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(level);
            }
        });
    }

    /** {@code 127.0.0.1:<port>}, for {@code spring.kafka.bootstrap-servers} and {@link TopicReader}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
    }
}
