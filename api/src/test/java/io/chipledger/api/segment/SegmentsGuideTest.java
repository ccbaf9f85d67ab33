package io.chipledger.api.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.core.segment.SegmentConditions;
import io.chipledger.core.segment.SegmentField;
import io.chipledger.core.segment.SegmentOperator;
import io.chipledger.core.segment.SegmentRuleBook;
import io.chipledger.core.segment.SegmentRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/segments.md is held to the code: its fields and operators are the language's, its limits
 * the code's, its example rule is accepted as shown and its example refusal is what the API answers.
 */
class SegmentsGuideTest extends LedgerApiTest {

    private static final Path GUIDE = Path.of("..", "docs", "segments.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFieldsOperatorsAndLimitsAreTheCodes() throws Exception {
        String guide = Files.readString(GUIDE);
        for (SegmentField field : SegmentField.values()) {
            assertThat(guide).as("the fields table names %s", field.wireName()).contains("`" + field.wireName() + "`");
        }
        assertThat(guide).contains(String.join(", ", Arrays.stream(SegmentOperator.values()).map(op -> "`" + op.symbol() + "`").toList()));
        assertThat(guide).contains("at most " + SegmentConditions.DEPTH_MAX + " levels deep (of all/any/not above a leaf) and "
                + SegmentConditions.NODES_MAX + " parts",
                "(1 to " + SegmentConditions.LIST_MAX + " of them)", "at most " + SegmentConditions.AMOUNT_INTEGER_DIGITS_MAX
                        + "\ndigits before the point and " + SegmentConditions.AMOUNT_SCALE_MAX + " after",
                "1-" + SegmentRuleDefinition.NAME_LENGTH_MAX + " characters", "`^" + SegmentRuleDefinition.SEGMENT_PATTERN + "$`",
                "0-1,000,000", "A partner has at most " + SegmentRuleBook.RULES_MAX + " rules");
        assertThat(SegmentRuleDefinition.PRIORITY_MAX).isEqualTo(1_000_000);
    }

    @Test
    void theExampleRuleIsAcceptedAndTheExampleRefusalIsTheAnswer() throws Exception {
        String guide = Files.readString(GUIDE);
        Matcher post = Pattern.compile("segment-rules\" -H \"\\$ADMIN\" \\\\\\n  -H 'Content-Type: application/json' -d '(\\{.*?\\})'",
                Pattern.DOTALL).matcher(guide);
        assertThat(post.find()).as("the POST example").isTrue();
        String partner = client.newPartner()[0];
        String marketing = client.newAdminKey("Guide Marketing", "marketing")[1];
        String rules = "/admin/v1/partners/" + partner + "/segment-rules";
        Reply created = client.send("POST", rules, post.group(1), "X-Admin-Key", marketing);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        Matcher problem = Pattern.compile("```json\\n(\\{\"type\": \"https://chipledger.dev/problems/invalid-request\".*?})\\n```",
                Pattern.DOTALL).matcher(guide);
        assertThat(problem.find()).as("the refusal example").isTrue();
        JsonNode documented = JSON.readTree(problem.group(1));
        String wrong = post.group(1).replace("\"Big spenders\"", "\"Small spenders\"").replace("\"value\": 30", "\"value\": \"30\"");
        Reply refused = client.send("POST", rules, wrong, "X-Admin-Key", marketing);
        assertThat(refused.status()).isEqualTo(documented.path("status").asInt());
        assertThat(refused.text("type")).isEqualTo(documented.path("type").asText());
        assertThat(refused.text("field")).isEqualTo(documented.path("field").asText());
        assertThat(refused.text("detail")).isEqualTo(documented.path("detail").asText());
    }
}
