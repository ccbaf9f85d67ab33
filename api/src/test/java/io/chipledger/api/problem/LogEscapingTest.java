package io.chipledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The service's log pattern: a CR or LF from a request never starts a line of the log. */
@ExtendWith(OutputCaptureExtension.class)
class LogEscapingTest extends LedgerApiTest {

    private static final Logger log = LoggerFactory.getLogger(LogEscapingTest.class);
    private static final String FORGED = "2026-01-01T00:00:00.000Z  INFO 1 --- [main] forged.Logger : all is well";

    @Test
    void aLineBreakInAMessageIsWrittenEscaped(CapturedOutput output) {
        log.warn("unknown player {}", "eve\r\n" + FORGED);
        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.getOut()).contains("unknown player eve\\r\\n" + FORGED);
    }

    @Test
    void aLineBreakInAnExceptionMessageIsWrittenEscapedAndTheStackTraceKeepsItsLines(CapturedOutput output) {
        log.error("failed", new IllegalStateException("refused eve\n" + FORGED, new IllegalArgumentException("cause\r\n" + FORGED)));
        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.getOut()).contains("refused eve\\n" + FORGED).contains("cause\\r\\n" + FORGED);
        assertThat(lines(output)).anyMatch(line -> line.startsWith("\tat "))
                .anyMatch(line -> line.startsWith("java.lang.IllegalStateException: refused eve"))
                .anyMatch(line -> line.startsWith("Caused by: java.lang.IllegalArgumentException: cause"));
    }

    @Test
    void aRequestWithALineBreakInItsPathIsRefusedWithoutForgingALine(CapturedOutput output) {
        client.admin("GET", "/admin/v1/partners/p%0D%0A" + FORGED.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D"), null);
        assertThat(lines(output)).noneMatch(line -> line.startsWith(FORGED));
    }

    private static java.util.List<String> lines(CapturedOutput output) {
        return Arrays.asList(output.getOut().split("\n"));
    }
}
