package io.chipledger.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a parked item keeps of its failure fits its column and PostgreSQL's text. */
class ParkedJobItemsTest {

    @Test
    void aCauseIsCutToItsColumnAndKeepsNoNul() {
        String cause = ParkedJobItems.cause(new IllegalStateException("x\0" + "y".repeat(2 * ParkedJobItems.CAUSE_LENGTH_MAX)));
        assertThat(cause).hasSize(ParkedJobItems.CAUSE_LENGTH_MAX).startsWith("java.lang.IllegalStateException: x?y").endsWith("…");
    }

    @Test
    void aCauseIsNeverCutInsideASurrogatePair() {
        String prefix = "java.lang.IllegalStateException: ";
        String message = "y".repeat(ParkedJobItems.CAUSE_LENGTH_MAX - 2 - prefix.length()) + "😀" + "z".repeat(10);
        String cause = ParkedJobItems.cause(new IllegalStateException(message));
        assertThat(cause).hasSize(ParkedJobItems.CAUSE_LENGTH_MAX - 1).endsWith("y…");
    }
}
