package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.api.LedgerApiTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With a ClickHouse configured (scripts/test.sh starts one and sets CHIPLEDGER_CLICKHOUSE_URL), the
 * service brings the analytics schema up to date once it is ready. Without one this fails, saying so.
 */
class AnalyticsSchemaStartupTest extends LedgerApiTest {

    private static final Duration READY_WAIT_MAX = Duration.ofSeconds(20);

    @Autowired
    private ClickHouseSettings settings;
    @Autowired
    private AnalyticsSchemaStartup startup;

    @Test
    void theServiceAppliesTheAnalyticsSchemaOnTheConfiguredClickHouse() throws InterruptedException {
        assertThat(settings.on()).as("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse "
                + "(scripts/clickhouse.sh), or point it at one").isTrue();
        long deadline = System.nanoTime() + READY_WAIT_MAX.toNanos();
        while (!startup.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(startup.ready()).as("schema at version " + ClickHouseSchema.latest() + " within " + READY_WAIT_MAX).isTrue();
    }
}
