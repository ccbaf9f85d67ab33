package io.chipledger.api.projection;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ProjectionPositions.SegmentToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for queries: {@code consistent_with=P} answers once the segment of the
 * projection that owns the wallet (or profile) has handled the event at P
 * ({@link HandledPositions}), and waits for it at most {@code chipledger.consistency-wait}.
 *
 * <p>What each segment has handled is kept in memory, from two sources: this node's processors
 * publish each batch's token the moment it commits ({@link ProgressReporting}), which wakes the
 * reads waiting on that group; and one refresher thread reads {@code token_entry} for the groups
 * that have waiting reads, at most once per {@link #REFRESH_INTERVAL}, for segments another node
 * owns and for batches that handled nothing (Axon stores their token without an interceptor). So
 * a waiting read costs no query of its own: at most one token query per interval per node,
 * whatever the number of waiting reads.
 *
 * <p>A read that finds its position handled in an observation younger than
 * {@link #OBSERVATION_TRUSTED_FOR} answers at once. An older observation is not trusted, because
 * a rebuild on another node may have emptied the read model since; the read then waits for the
 * next observation. A rebuild on this node forgets the group ({@link #forget}).
 *
 * <p>Limits: at most {@code chipledger.consistency-waiters-max} reads wait at once on a node; one
 * more is refused at once ({@link ConsistentReadsBusyException}, 503). A position beyond the
 * newest event in the store is a 400 at once. A position not handled in time is a 503
 * ({@link ProjectionLagException}).
 */
@Component
public class ProjectionProgress implements SmartLifecycle {

    /** The store's first global index (a BIGSERIAL, and Axon's lowest global sequence). */
    static final long FIRST_POSITION = 1;
    /** How often the refresher reads the tokens while reads wait. */
    static final Duration REFRESH_INTERVAL = Duration.ofMillis(50);
    /** How long an observation answers a read at once; older ones are asked again. */
    static final Duration OBSERVATION_TRUSTED_FOR = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ProjectionProgress.class);

    private final ProjectionPositions positions;
    private final Duration waitMax;
    private final int waitersMax;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a read starts waiting: the refresher sleeps while nobody waits. */
    private final Condition waitersArrived = lock.newCondition();
    private final Map<String, GroupProgress> groups = new HashMap<>();
    private Thread refresher;
    private int waiting;
    /** The highest position any token has shown: a position at or below it exists, with no head query. */
    private long highestSeen = -1;
    private volatile boolean running;

    public ProjectionProgress(ProjectionPositions positions, LedgerProperties properties) {
        this.positions = positions;
        this.waitMax = properties.consistencyWait();
        this.waitersMax = properties.consistencyWaitersMax();
        if (waitersMax < 1) {
            throw new IllegalArgumentException("chipledger.consistency-waiters-max must be at least 1");
        }
        long now = System.nanoTime();
        TrackingGroups.READ_MODELS.forEach(group -> groups.put(group, new GroupProgress(lock.newCondition(), now)));
    }

    /** What one segment had handled, and when that was seen (System.nanoTime). */
    record Observation(Segment segment, TrackingToken token, long observedAtNanos) {

        boolean answers(String aggregateId, long position) {
            return segment.matches(aggregateId) && HandledPositions.hasHandled(token, position);
        }
    }

    /** One group's newest observation per segment, its waiting reads, and when it was last forgotten. */
    private static final class GroupProgress {
        final Map<Integer, Observation> latest = new HashMap<>();
        final List<Waiter> waiters = new ArrayList<>();
        final Condition changed;
        long forgottenAtNanos;

        GroupProgress(Condition changed, long forgottenAtNanos) {
            this.changed = changed;
            this.forgottenAtNanos = forgottenAtNanos;
        }
    }

    private static final class Waiter {
        final String aggregateId;
        final long position;
        boolean answered;

        Waiter(String aggregateId, long position) {
            this.aggregateId = aggregateId;
            this.position = position;
        }
    }

    /**
     * Returns once {@code group}'s segment that owns {@code aggregateId} has handled the event at
     * {@code position}.
     *
     * @throws InvalidRequestException the position is beyond the newest event in the store
     * @throws ConsistentReadsBusyException {@code consistency-waiters-max} reads already wait on this node
     * @throws ProjectionLagException not handled within {@code consistency-wait}
     */
    public void awaitHandled(String group, long position, String aggregateId) {
        long started = System.nanoTime();
        GroupProgress progress = groups.get(group);
        if (progress == null) {
            throw new IllegalStateException("no read waits for projection " + group + "; known: " + TrackingGroups.READ_MODELS);
        }
        if (position < FIRST_POSITION) {
            // Names no event: every projection has handled everything before the first one.
            return;
        }
        long known;
        lock.lock();
        try {
            if (answeredByTrusted(progress, aggregateId, position, started)) {
                return;
            }
            known = highestSeen;
        } finally {
            lock.unlock();
        }
        if (position > known && position > positions.head()) {
            // No command answered this position yet: waiting would hold a worker for nothing.
            throw new InvalidRequestException("consistent_with", "consistent_with must be a position a command answered");
        }
        lock.lock();
        try {
            if (answeredByTrusted(progress, aggregateId, position, System.nanoTime())) {
                return;
            }
            if (waiting >= waitersMax) {
                throw new ConsistentReadsBusyException(waitersMax);
            }
            awaitAnswer(group, progress, new Waiter(aggregateId, position), started);
        } finally {
            lock.unlock();
        }
    }

    private void awaitAnswer(String group, GroupProgress progress, Waiter waiter, long started) {
        progress.waiters.add(waiter);
        waiting++;
        waitersArrived.signal();
        try {
            long remaining = waitMax.toNanos() - (System.nanoTime() - started);
            while (!waiter.answered && remaining > 0) {
                remaining = progress.changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a projection", e);
        } finally {
            progress.waiters.remove(waiter);
            waiting--;
        }
        if (!waiter.answered) {
            throw new ProjectionLagException(group, waiter.position, waitMax);
        }
    }

    private boolean answeredByTrusted(GroupProgress progress, String aggregateId, long position, long now) {
        for (Observation observation : progress.latest.values()) {
            if (now - observation.observedAtNanos() <= OBSERVATION_TRUSTED_FOR.toNanos() && observation.answers(aggregateId, position)) {
                return true;
            }
        }
        return false;
    }

    /** A batch of {@code group} in {@code segment} has committed, having handled everything up to {@code token}. */
    void committed(String group, Segment segment, TrackingToken token) {
        publish(group, List.of(new Observation(segment, token, System.nanoTime())));
    }

    /** Observations of one group; any of them answers the waiting reads it has handled the position of. */
    void publish(String group, List<Observation> observations) {
        lock.lock();
        try {
            GroupProgress progress = groups.get(group);
            boolean answered = false;
            for (Observation observation : observations) {
                // Seen before the group was forgotten: it may describe the read model before its rebuild.
                if (observation.observedAtNanos() - progress.forgottenAtNanos < 0) {
                    continue;
                }
                Observation previous = progress.latest.get(observation.segment().getSegmentId());
                if (previous == null || observation.observedAtNanos() - previous.observedAtNanos() >= 0) {
                    progress.latest.put(observation.segment().getSegmentId(), observation);
                }
                if (observation.token() != null) {
                    highestSeen = Math.max(highestSeen, observation.token().position().orElse(-1));
                }
                for (Waiter waiter : progress.waiters) {
                    if (!waiter.answered && observation.answers(waiter.aggregateId, waiter.position)) {
                        waiter.answered = true;
                        answered = true;
                    }
                }
            }
            if (answered) {
                progress.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The group's read model is being rebuilt from nothing: what was seen before answers no read. */
    void forget(String group) {
        lock.lock();
        try {
            GroupProgress progress = groups.get(group);
            progress.latest.clear();
            progress.forgottenAtNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void refreshWhileReadsWait() {
        boolean failing = false;
        while (running) {
            List<String> wanted;
            lock.lock();
            try {
                while (running && waiting == 0) {
                    waitersArrived.await();
                }
                wanted = groups.entrySet().stream().filter(entry -> !entry.getValue().waiters.isEmpty()).map(Map.Entry::getKey).toList();
            } catch (InterruptedException stopping) {
                return;
            } finally {
                lock.unlock();
            }
            long observedAt = System.nanoTime();
            try {
                publishAll(positions.tokens(wanted), observedAt);
                failing = false;
            } catch (RuntimeException e) {
                // Once per outage, not every interval: waiting reads still time out with their 503.
                if (!failing) {
                    log.warn("Could not read the projections' tokens; reads waiting for other nodes' segments will time out", e);
                }
                failing = true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(REFRESH_INTERVAL.toNanos() - (System.nanoTime() - observedAt));
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    private void publishAll(List<SegmentToken> tokens, long observedAt) {
        Map<String, List<Observation>> byGroup = new HashMap<>();
        for (SegmentToken token : tokens) {
            if (groups.containsKey(token.group())) {
                byGroup.computeIfAbsent(token.group(), group -> new ArrayList<>())
                        .add(new Observation(token.segment(), token.token(), observedAt));
            }
        }
        byGroup.forEach(this::publish);
    }

    /** How many reads wait now, for tests. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        refresher = new Thread(this::refreshWhileReadsWait, "projection-progress-refresher");
        refresher.setDaemon(true);
        refresher.start();
    }

    @Override
    public void stop() {
        running = false;
        refresher.interrupt();
        try {
            refresher.join(REFRESH_INTERVAL.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
