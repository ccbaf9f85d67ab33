package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.api.LedgerApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every SQL query of docs/bi.md runs on the real ClickHouse the service writes to, so the guide cannot drift from the tables. */
class BiGuideTest extends LedgerApiTest {

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @Autowired
    private ClickHouseSettings settings;

    @Test
    void everyQueryOfTheBiGuideRunsOnClickHouse() throws Exception {
        assertThat(settings.on()).as("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse").isTrue();
        List<String> queries = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(Files.readString(Path.of("..", "docs", "bi.md")));
        while (block.find()) {
            queries.add(block.group(1));
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        try (Connection clickHouse = settings.connect(); Statement statement = clickHouse.createStatement()) {
            ClickHouseSchema.apply(clickHouse);
            for (String query : queries) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    assertThat(rows.getMetaData().getColumnCount()).as(query).isPositive();
                }
            }
        }
    }
}
