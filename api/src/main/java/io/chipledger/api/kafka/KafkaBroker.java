package io.chipledger.api.kafka;

/**
 * Where the publisher's Kafka is: the brokers of {@code spring.kafka.bootstrap-servers}, or the
 * in-JVM broker this service started. Closing it stops the in-JVM broker.
 */
final class KafkaBroker implements AutoCloseable {

    private final String bootstrapServers;
    private final InJvmKafka inJvm;

    private KafkaBroker(String bootstrapServers, InJvmKafka inJvm) {
        this.bootstrapServers = bootstrapServers;
        this.inJvm = inJvm;
    }

    static KafkaBroker external(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers, null);
    }

    static KafkaBroker inJvm(InJvmKafka kafka) {
        return new KafkaBroker(kafka.bootstrapServers(), kafka);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The in-JVM broker, or null when Kafka is the operator's own. */
    InJvmKafka inJvmBroker() {
        return inJvm;
    }

    /** How the log and health name it. */
    String description() {
        return inJvm == null ? "brokers " + bootstrapServers
                : "the in-JVM KRaft broker on " + bootstrapServers + " (log in " + inJvm.logDir() + ")";
    }

    @Override
    public void close() {
        if (inJvm != null) {
            inJvm.close();
        }
    }
}
