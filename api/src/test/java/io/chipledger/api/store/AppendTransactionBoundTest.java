package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.LedgerProperties.GroupCommitSettings;
import io.chipledger.api.command.LedgerBusyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.Test;

/** A transaction that appends events commits only within its bound, and the gap timeout is derived from that bound. */
class AppendTransactionBoundTest {

    private final AppendTransactionBound bound = new AppendTransactionBound(new LedgerProperties("", Path.of("target"), 0, 16_384,
            Duration.ofSeconds(1), 64, Duration.ofHours(1), Duration.ofHours(24), List.of(), new GroupCommitSettings(1, 1, 1, Duration.ofSeconds(10)), 1),
            SimpleCommandBus.builder().build(), null);

    @Test
    void aTransactionOpenLongerThanTheBoundIsRefusedItsCommit() {
        long started = 0;
        bound.check(started, Duration.ofSeconds(10).toNanos());
        assertThatThrownBy(() -> bound.check(started, Duration.ofSeconds(10).toNanos() + 1))
                .isInstanceOf(LedgerBusyException.class)
                .hasMessageContaining("rolled back");
    }

    @Test
    void gapsAreWaitedForThreeBoundsAndNeverLessThanAxonsMinute() {
        assertThat(AppendTransactionBound.gapTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(AppendTransactionBound.gapTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(90));
    }
}
