package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.LedgerProperties.GroupCommitSettings;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ProjectionPositions.SegmentToken;
import io.chipledger.api.projection.ProjectionProgress.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting reads, without a database: woken by a commit of their own segment, bounded in number and time, served by one refresher. */
class ProjectionProgressTest {

    private static final String GROUP = "wallet-balances";
    private static final String WALLET = "partner-1:wendy";
    private static final long HEAD = 100;
    private static final Segment[] TWO_SEGMENTS = Segment.computeSegments(0, 1);
    private static final Segment OWNER = TWO_SEGMENTS[0].matches(WALLET) ? TWO_SEGMENTS[0] : TWO_SEGMENTS[1];
    private static final Segment OTHER = OWNER == TWO_SEGMENTS[0] ? TWO_SEGMENTS[1] : TWO_SEGMENTS[0];

    private final FakePositions positions = new FakePositions();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private ProjectionProgress progress;

    @AfterEach
    void stop() {
        readers.shutdownNow();
        if (progress != null && progress.isRunning()) {
            progress.stop();
        }
    }

    @Test
    void aWaitingReadAnswersWhenItsSegmentCommitsThePositionNotWhenTheIndexPassesIt() throws Exception {
        progress = progress(Duration.ofSeconds(5), 8);
        CompletableFuture<Void> read = read(40);
        awaitWaiting(1);

        progress.committed(GROUP, OWNER, gapAware(45, 40));
        progress.committed(GROUP, OTHER, gapAware(50));
        Thread.sleep(100);
        assertThat(read).isNotDone();

        progress.committed(GROUP, OWNER, gapAware(45));
        read.get(1, TimeUnit.SECONDS);
        assertThat(progress.waiting()).isZero();
    }

    @Test
    void aFreshObservationAnswersAtOnceWithoutAskingTheDatabase() {
        progress = progress(Duration.ofSeconds(5), 8);
        progress.committed(GROUP, OWNER, gapAware(45));

        progress.awaitHandled(GROUP, 40, WALLET);

        assertThat(positions.headReads.get()).isZero();
    }

    @Test
    void aReadNotAnsweredInTimeIsALag() {
        progress = progress(Duration.ofMillis(200), 8);
        progress.committed(GROUP, OTHER, gapAware(50));

        assertThatThrownBy(() -> progress.awaitHandled(GROUP, 40, WALLET)).isInstanceOf(ProjectionLagException.class);
        assertThat(progress.waiting()).isZero();
    }

    @Test
    void readsBeyondTheMaximumAreRefusedAtOnce() throws Exception {
        progress = progress(Duration.ofSeconds(5), 2);
        CompletableFuture<Void> first = read(40);
        CompletableFuture<Void> second = read(41);
        awaitWaiting(2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> progress.awaitHandled(GROUP, 42, WALLET)).isInstanceOf(ConsistentReadsBusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));

        progress.committed(GROUP, OWNER, gapAware(41));
        first.get(1, TimeUnit.SECONDS);
        second.get(1, TimeUnit.SECONDS);
        progress.awaitHandled(GROUP, 41, WALLET);
    }

    @Test
    void aPositionBeyondTheNewestEventIsRefusedAtOnce() {
        progress = progress(Duration.ofSeconds(5), 8);

        assertThatThrownBy(() -> progress.awaitHandled(GROUP, HEAD + 1, WALLET)).isInstanceOf(InvalidRequestException.class);
        assertThat(progress.waiting()).isZero();
    }

    @Test
    void anOldObservationIsAskedAgainBecauseAnotherNodeMayHaveRebuiltSince() throws Exception {
        progress = progress(Duration.ofMillis(300), 8);
        long old = System.nanoTime() - ProjectionProgress.OBSERVATION_TRUSTED_FOR.toNanos() * 2;
        progress.publish(GROUP, List.of(new Observation(OWNER, gapAware(45), old)));
        assertThatThrownBy(() -> progress.awaitHandled(GROUP, 40, WALLET)).isInstanceOf(ProjectionLagException.class);

        positions.tokens = List.of(new SegmentToken(GROUP, OWNER, gapAware(45)), new SegmentToken(GROUP, OTHER, gapAware(45)));
        progress.start();
        progress.awaitHandled(GROUP, 40, WALLET);
    }

    @Test
    void whatWasSeenBeforeARebuildAnswersNoRead() {
        progress = progress(Duration.ofMillis(300), 8);
        long beforeRebuild = System.nanoTime();
        progress.forget(GROUP);
        progress.publish(GROUP, List.of(new Observation(OWNER, gapAware(45), beforeRebuild)));

        assertThatThrownBy(() -> progress.awaitHandled(GROUP, 40, WALLET)).isInstanceOf(ProjectionLagException.class);
    }

    @Test
    void oneRefresherReadsTheTokensOncePerIntervalWhateverTheNumberOfWaitingReads() throws Exception {
        Duration wait = Duration.ofSeconds(1);
        progress = progress(wait, 32);
        positions.tokens = List.of(new SegmentToken(GROUP, OWNER, gapAware(45, 40)));
        progress.start();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> reads = IntStream.range(0, 32).mapToObj(i -> read(40)).toList();
        awaitWaiting(32);
        positions.tokens = List.of(new SegmentToken(GROUP, OWNER, gapAware(45)));
        for (CompletableFuture<Void> read : reads) {
            read.get(2, TimeUnit.SECONDS);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int reads32 = positions.tokenReads.get();
        assertThat(reads32).isBetween(1, (int) (elapsedMillis / ProjectionProgress.REFRESH_INTERVAL.toMillis()) + 2);

        Thread.sleep(ProjectionProgress.REFRESH_INTERVAL.toMillis() * 4);
        assertThat(positions.tokenReads.get()).as("nobody waits: no reads").isEqualTo(reads32);
    }

    private ProjectionProgress progress(Duration wait, int waitersMax) {
        return new ProjectionProgress(positions, new LedgerProperties("", Path.of("target"), 0, 16_384, wait, waitersMax,
                Duration.ofHours(1), Duration.ofHours(24), List.of(), new GroupCommitSettings(1, 1, 1, Duration.ofSeconds(1)), 1));
    }

    private CompletableFuture<Void> read(long position) {
        return CompletableFuture.runAsync(() -> progress.awaitHandled(GROUP, position, WALLET), readers);
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (progress.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(progress.waiting()).isEqualTo(count);
    }

    private static GapAwareTrackingToken gapAware(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.stream(gaps).boxed().toList());
    }

    /** The database's answers, set by the test; counts what is asked. */
    private static final class FakePositions extends ProjectionPositions {
        final AtomicInteger headReads = new AtomicInteger();
        final AtomicInteger tokenReads = new AtomicInteger();
        volatile List<SegmentToken> tokens = List.of();

        FakePositions() {
            super(null, null);
        }

        @Override
        public long head() {
            headReads.incrementAndGet();
            return HEAD;
        }

        @Override
        List<SegmentToken> tokens(Collection<String> groups) {
            tokenReads.incrementAndGet();
            return tokens;
        }
    }
}
