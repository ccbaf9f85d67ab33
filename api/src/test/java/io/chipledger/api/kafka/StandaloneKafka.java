package io.chipledger.api.kafka;

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
        return new StandaloneKafka(InJvmKafka.start(0, null));
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
