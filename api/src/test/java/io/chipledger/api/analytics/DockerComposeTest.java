package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml wires the service to its ClickHouse and its Kafka (Docker cannot run here, so
 * this is what can be held): the URLs name the compose services, with the credentials they are
 * given, so analytics and the event stream are on for a newcomer who runs {@code docker compose up}.
 */
class DockerComposeTest {

    @Test
    @SuppressWarnings("unchecked")
    void theServiceWritesToTheComposedClickHouseWithItsCredentials() throws Exception {
        Map<String, Object> clickHouse = composed("clickhouse");
        Map<String, Object> service = composed("chipledger");
        Map<String, String> clickHouseEnv = (Map<String, String>) clickHouse.get("environment");
        Map<String, String> serviceEnv = (Map<String, String>) service.get("environment");

        assertThat((String) clickHouse.get("image")).startsWith("clickhouse/clickhouse-server:");
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_URL")).startsWith("jdbc:clickhouse://clickhouse:8123/").endsWith("compress=false");
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_USER")).isEqualTo(clickHouseEnv.get("CLICKHOUSE_USER"));
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_PASSWORD")).isEqualTo(clickHouseEnv.get("CLICKHOUSE_PASSWORD"));
        assertThat((Map<String, Object>) service.get("depends_on")).containsKey("clickhouse");
    }

    /** The service publishes to the composed broker (KRaft, no ZooKeeper) on the address that broker advertises to it. */
    @Test
    @SuppressWarnings("unchecked")
    void theServicePublishesToTheComposedKafkaInKRaftMode() throws Exception {
        Map<String, Object> kafka = composed("kafka");
        Map<String, Object> service = composed("chipledger");
        Map<String, Object> kafkaEnv = (Map<String, Object>) kafka.get("environment");
        Map<String, String> serviceEnv = (Map<String, String>) service.get("environment");

        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafkaEnv).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(((String) kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")).split(","))
                .anyMatch(listener -> listener.endsWith("//" + serviceEnv.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")));
        assertThat((Map<String, Object>) service.get("depends_on")).containsKey("kafka");
    }

    /** One service of docker-compose.yml, as YAML. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> composed(String name) throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }
}
