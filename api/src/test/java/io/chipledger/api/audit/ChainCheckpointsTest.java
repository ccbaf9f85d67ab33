package io.chipledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A checkpoint seals only positions no append transaction can still fill: the newest position
 * noted at least twice the group commit's answer bound ago, never the head of the moment.
 */
class ChainCheckpointsTest extends ScratchStoreTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aCheckpointSealsThePositionNotedTwiceTheAnswerBoundAgoAndNotTheHeadOfTheMoment() {
        MovingClock moving = new MovingClock();
        ChainCheckpoints job = new ChainCheckpoints(scratch, new TransactionTemplate(new DataSourceTransactionManager(scratch.getDataSource())),
                moving, properties);
        Duration settled = properties.groupCommit().answerWaitMax().multipliedBy(2);
        long noted = headPosition();

        job.checkpoint();
        long afterFirstRun = count();
        scratch.update("UPDATE domain_event_entry SET global_index = global_index + 1000 WHERE global_index = ?", noted);
        moving.now = moving.now.plus(settled).plusSeconds(1);
        job.checkpoint();

        assertThat(afterFirstRun).as("nothing is settled at the first run").isZero();
        assertThat(scratch.queryForObject("SELECT max(position) FROM chain_checkpoint", Long.class))
                .as("the position noted a bound ago, not the newest event's").isEqualTo(noted);
    }

    private long count() {
        return scratch.queryForObject("SELECT count(*) FROM chain_checkpoint", Long.class);
    }
}
