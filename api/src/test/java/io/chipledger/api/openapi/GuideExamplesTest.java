package io.chipledger.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every curl example in the README and the API guide that sends a body is a request the
 * committed OpenAPI document (held equal to the live one by {@link OpenApiDocumentTest}) allows:
 * its path is an operation, and its body matches the operation's schema. So an example cannot
 * drift from the API without a test failing (the body of a batch, a renamed field, a new rule).
 */
class GuideExamplesTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
    private static final List<Path> GUIDES = List.of(Path.of("..", "README.md"), Path.of("..", "docs", "api-guide.md"));
    /** {@code curl … -X METHOD localhost:8080/path … -d '{…}'}, the body possibly over several lines. */
    private static final Pattern EXAMPLE = Pattern.compile(
            "curl [^\\n]*?-X (POST|PATCH|PUT) (?:\"?)localhost:8080(/[^\\s\"']+)[^\\n]*?(?:\\\\\\n\\s*)?-d '([^']*)'");

    @Test
    void everyExampleBodyIsARequestTheDocumentAllows() throws IOException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(DOCUMENT)).build();
        List<String> departures = new ArrayList<>();
        int examples = 0;
        for (Path guide : GUIDES) {
            Matcher example = EXAMPLE.matcher(Files.readString(guide));
            while (example.find()) {
                examples++;
                String path = example.group(2).replaceAll("\\?.*", "");
                Request request = new SimpleRequest.Builder(Request.Method.valueOf(example.group(1)), path)
                        .withBody(example.group(3)).withContentType("application/json").build();
                ValidationReport report = validator.validateRequest(request);
                report.getMessages().stream()
                        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                        .filter(message -> message.getKey().startsWith("validation.request.body")
                                || message.getKey().equals("validation.request.path.missing")
                                || message.getKey().equals("validation.request.operation.notAllowed"))
                        .forEach(message -> departures.add(guide.getFileName() + ": " + example.group(1) + " " + path + ": " + message));
            }
        }
        assertThat(examples).as("the guides' curl examples with a body were found").isGreaterThan(20);
        assertThat(departures).isEmpty();
    }
}
