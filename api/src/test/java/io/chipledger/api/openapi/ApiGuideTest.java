package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.asset.AmountFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/api-guide.md says what the code does: its problem table and its amount limit. */
class ApiGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "api-guide.md");

    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \\| (\\d{3}) \\|", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("`([a-z0-9-]+)`");

    @Test
    void theGuidesProblemTableListsEveryTypeWithItsStatus() throws IOException {
        String guide = Files.readString(GUIDE);
        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = ROW.matcher(guide);
        while (row.find()) {
            Matcher type = TYPE.matcher(row.group(1));
            while (type.find()) {
                documented.put(type.group(1), Integer.parseInt(row.group(2)));
            }
        }

        assertThat(documented).isEqualTo(ProblemTypes.STATUS);
    }

    @Test
    void theDocumentedAmountLimitIsTheOneEnforced() throws IOException {
        Matcher limit = Pattern.compile("over 10\\^(\\d+) minor units\\s+\\(`AmountFormat.AMOUNT_MINOR_MAX`\\)").matcher(Files.readString(GUIDE));

        assertThat(limit.find()).as("the guide states the amount limit").isTrue();
        assertThat(BigInteger.TEN.pow(Integer.parseInt(limit.group(1)))).isEqualTo(BigInteger.valueOf(AmountFormat.AMOUNT_MINOR_MAX));
    }
}
