package io.chipledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.ledger.RuleViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every business refusal the wallet can answer has a row in the API guide's problem table, so the guide cannot fall behind a new rule. */
class ProblemTypesDocTest {

    @Test
    void everyRuleIsInTheGuidesProblemTable() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "api-guide.md"));
        String table = guide.substring(guide.indexOf("| type (after `https://chipledger.dev/problems/`)"));
        assertThat(Arrays.stream(RuleViolation.Rule.values())
                .map(rule -> rule.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .filter(type -> !table.contains("`" + type + "`")))
                .as("problem types missing from docs/api-guide.md").isEmpty();
    }
}
