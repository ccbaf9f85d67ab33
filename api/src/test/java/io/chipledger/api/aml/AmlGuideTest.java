package io.chipledger.api.aml;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.projections.aml.AmlEngine;
import io.chipledger.projections.aml.AmlRules;
import io.chipledger.projections.aml.AmlScoring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/aml.md is held to the code: every setting under {@code chipledger.aml} is explained there,
 * each rule's score in its table is the engine's, and so are the alert thresholds and risk levels.
 */
class AmlGuideTest {

    private static final Path AML_MD = Path.of("..", "docs", "aml.md");

    @Test
    void everySettingIsExplained() throws IOException {
        String guide = Files.readString(AML_MD);
        Map<String, Object> aml = settings();
        List<String> missing = new ArrayList<>();
        for (String key : aml.keySet()) {
            if (!guide.contains("`" + key) && !guide.contains(key + "`") && !guide.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> currencies = (Map<String, Map<String, Object>>) aml.get("currencies");
        for (String key : currencies.get("USD").keySet()) {
            if (!guide.contains("currencies.<C>." + key)) {
                missing.add("currencies.<C>." + key);
            }
        }
        assertThat(missing).as("settings of chipledger.aml that docs/aml.md does not name").isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> alertScores = (Map<String, Object>) aml.get("alert-scores");
        assertThat(guide).contains("LOW " + alertScores.get("LOW") + ", MEDIUM " + alertScores.get("MEDIUM") + ", HIGH "
                + alertScores.get("HIGH") + ",\nCRITICAL " + alertScores.get("CRITICAL"));
    }

    @Test
    void theRulesTableGivesTheEnginesScores() throws IOException {
        List<String> rows = Files.readAllLines(AML_MD).stream().filter(line -> line.startsWith("| `")).toList();
        Map<String, String> scores = Map.of("large_transaction", Integer.toString(AmlScoring.LARGE_TRANSACTION_POINTS),
                "amount_deviation", "deviation", "frequency_spike", "deviation", "unusual_time", "deviation",
                "structuring", Integer.toString(AmlRules.STRUCTURING_POINTS), "rapid_movement", Integer.toString(AmlRules.RAPID_MOVEMENT_POINTS),
                "high_risk_country", Integer.toString(AmlRules.HIGH_RISK_COUNTRY_POINTS));
        scores.forEach((factor, score) -> assertThat(rows).as(factor)
                .anyMatch(row -> row.startsWith("| `" + factor + "` |") && row.endsWith("| " + score + " |")));
        String guide = Files.readString(AML_MD);
        assertThat(guide).contains("`medium` from " + AmlEngine.MEDIUM_RISK_FROM + ", `high` from " + AmlEngine.HIGH_RISK_FROM);
        assertThat(guide).contains("at most " + AmlScoring.COMPOSITE_POINTS_MAX).contains("`25 * severity`");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings() throws IOException {
        try (InputStream yml = AmlGuideTest.class.getResourceAsStream("/application.yml")) {
            for (Object document : new Yaml().loadAll(yml)) {
                Map<String, Object> root = (Map<String, Object>) document;
                if (root != null && root.get("chipledger") instanceof Map<?, ?> chipledger && chipledger.get("aml") != null) {
                    return (Map<String, Object>) chipledger.get("aml");
                }
            }
        }
        throw new IllegalStateException("application.yml has no chipledger.aml");
    }
}
