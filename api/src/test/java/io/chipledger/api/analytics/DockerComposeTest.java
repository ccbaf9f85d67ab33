package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml wires the service to its ClickHouse (Docker cannot run here, so this is what
 * can be held): the URL names the compose service, with the credentials that service is given, so
 * analytics is on for a newcomer who runs {@code docker compose up}.
 */
class DockerComposeTest {

    @Test
    @SuppressWarnings("unchecked")
    void theServiceWritesToTheComposedClickHouseWithItsCredentials() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", "docker-compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> clickHouse = (Map<String, Object>) services.get("clickhouse");
        Map<String, Object> service = (Map<String, Object>) services.get("chipledger");
        Map<String, String> clickHouseEnv = (Map<String, String>) clickHouse.get("environment");
        Map<String, String> serviceEnv = (Map<String, String>) service.get("environment");

        assertThat((String) clickHouse.get("image")).startsWith("clickhouse/clickhouse-server:");
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_URL")).startsWith("jdbc:clickhouse://clickhouse:8123/").endsWith("compress=false");
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_USER")).isEqualTo(clickHouseEnv.get("CLICKHOUSE_USER"));
        assertThat(serviceEnv.get("CHIPLEDGER_CLICKHOUSE_PASSWORD")).isEqualTo(clickHouseEnv.get("CLICKHOUSE_PASSWORD"));
        assertThat((Map<String, Object>) service.get("depends_on")).containsKey("clickhouse");
    }
}
