package io.chipledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.LedgerProperties.GroupCommitSettings;
import io.chipledger.api.command.GroupCommit.Lane;
import io.chipledger.api.command.GroupCommit.PendingCommand;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/** How a lane forms its groups from what has queued, without a database: no lane thread runs. */
class GroupFormingTest {

    private static final int GROUP_COMMANDS_MAX = 3;

    private final GroupCommit groupCommit = new GroupCommit(null, null, null, null, null, new LedgerProperties(
            "", Path.of("target"), 0, 16_384, Duration.ofSeconds(1), 64, Duration.ofHours(1), Duration.ofHours(24), List.of(),
            new GroupCommitSettings(1, GROUP_COMMANDS_MAX, 100, Duration.ofSeconds(1)), 1), null, null, null, null);
    private final Lane lane = groupCommit.laneOf("p:wallet");

    @Test
    void aGroupTakesWhatHasQueuedUpToItsLimitAndEachKeyOnceTheRestLeadsTheNextGroup() throws InterruptedException {
        PendingCommand a = queued("a");
        PendingCommand b = queued("b");
        PendingCommand bAgain = queued("b");
        PendingCommand c = queued("c");
        PendingCommand d = queued("d");

        assertThat(nextGroup()).containsExactly(a, b, c);
        assertThat(nextGroup()).containsExactly(bAgain, d);
        assertThat(nextGroup()).as("nothing queued: the lane waits and forms no group").isEmpty();
    }

    private PendingCommand queued(String key) {
        PendingCommand pending = new PendingCommand(new LedgerCommand(GenericCommandMessage.asCommandMessage("command " + key),
                new IdempotencyMetaData("p", key, "h", "test"), "p:wallet", null));
        lane.queue.add(pending);
        return pending;
    }

    private List<PendingCommand> nextGroup() throws InterruptedException {
        List<PendingCommand> group = new ArrayList<>();
        lane.nextGroup(group);
        return group;
    }
}
