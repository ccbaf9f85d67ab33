package io.chipledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.analytics.clickhouse.AnalyticsMappings;
import io.chipledger.analytics.clickhouse.ClickHouseSchema;
import io.chipledger.analytics.clickhouse.SinkTable;
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

    /** Under each table's heading ("## `name`: …"), the first column of its table lists exactly the columns the sink writes. */
    @Test
    void everyTableTheSinkWritesIsDocumentedWithExactlyItsColumns() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "bi.md"));
        for (SinkTable table : AnalyticsMappings.TABLES) {
            int heading = guide.indexOf("## `" + table.name() + "`");
            assertThat(heading).as("docs/bi.md has a section ## `" + table.name() + "`").isNotNegative();
            int next = guide.indexOf("\n## ", heading + 1);
            List<String> documented = new ArrayList<>();
            Matcher row = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE).matcher(guide.substring(heading, next < 0 ? guide.length() : next));
            while (row.find()) {
                documented.add(row.group(1));
            }
            assertThat(documented).as("columns of " + table.name() + " in docs/bi.md").containsExactlyElementsOf(table.columns());
        }
    }

    @Test
    void everyQueryOfTheBiGuideRunsOnClickHouse() throws Exception {
        assertThat(settings.on()).as("CHIPLEDGER_CLICKHOUSE_URL is not set: run scripts/test.sh, which starts a local ClickHouse").isTrue();
        List<String> queries = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(Files.readString(Path.of("..", "docs", "bi.md")));
        while (block.find()) {
            queries.add(block.group(1));
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        // An Int64 sum wraps silently past 2^63: a BI figure must never be a wrapped one (red-team pass 2).
        Pattern int64Sum = Pattern.compile("\\bsum(If)?\\((?!toDecimal128\\()");
        assertThat(queries).as("every sum in docs/bi.md is taken as toDecimal128").noneMatch(query -> int64Sum.matcher(query).find());
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
