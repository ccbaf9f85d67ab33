package io.chipledger.api.command;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.LedgerProperties.GroupCommitSettings;
import io.chipledger.api.database.DatabaseAwayException;
import io.chipledger.api.database.DatabaseReachability;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyKeyReusedException;
import io.chipledger.api.idempotency.IdempotencyKeys;
import io.chipledger.api.idempotency.IdempotencyKeys.Key;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import io.chipledger.api.store.AppendTransactionBound;
import io.chipledger.api.store.CachedAggregates;
import io.chipledger.api.store.ConcurrencyConflictRetryScheduler;
import io.chipledger.core.CommandReceipt;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Group commit for wallet commands: many commands, one database transaction, one fsync.
 *
 * <p>A command is queued on the lane that owns its wallet (wallets are spread over lanes by
 * hash), and the caller waits for its answer. Each lane takes what has queued up, at most
 * {@code batch-commands-max}, and runs it in one transaction ({@link GroupTransaction}): the
 * idempotency keys are claimed in one statement, every command runs in its own nested unit of
 * work (a refused command changes nothing), all events are appended in one batch, the outcomes
 * are recorded in one statement, and the transaction commits. Only then does any caller get an answer, so nothing is answered
 * that is not durable. Under light load a group is one command and this costs nothing extra;
 * under heavy load the groups grow and the per-transaction cost is shared.
 *
 * <p>When a group fails as a whole (a lost race with another node, a database error), its
 * commands are run again one by one, each in its own transaction, so one command's failure is
 * never another's. The same key twice in one group waits for the next group, where it finds the
 * first one's outcome. A group that fails because the database is away is not run again: its
 * commands, those queued behind it and every new one are refused at once
 * ({@link DatabaseAwayException}) until {@link DatabaseReachability} reaches the database again.
 *
 * <p>A batch that must succeed or fail as a whole (a bulk grant to many wallets) runs alone,
 * with every lane paused: each lane's group holds its wallets' locks until it commits, so a batch
 * that spanned lanes could wait on them in a cycle.
 */
@Component
public class GroupCommit implements SmartLifecycle {

    /** How long an idle lane waits for work before it looks at its stop flag again. */
    static final long IDLE_POLL_MILLIS = 100;
    /** How often a caller waiting for its answer looks whether the database was found away. */
    static final long AWAY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final GroupTransaction transaction;
    private final GroupCommitSettings settings;
    private final DatabaseReachability database;
    private final List<Lane> lanes = new ArrayList<>();
    /** Lanes commit under the read lock; an all-or-nothing batch takes the write lock. */
    final ReadWriteLock lanesPaused = new ReentrantReadWriteLock();
    private volatile boolean running;

    public GroupCommit(CommandBus commandBus, TransactionManager transactionManager, IdempotencyKeys keys, JdbcTemplate jdbc,
                       Clock clock, LedgerProperties properties, AppendTransactionBound bound, CachedAggregates cachedAggregates,
                       Answers answers, DatabaseReachability database) {
        this.transaction = new GroupTransaction(commandBus, transactionManager, keys, jdbc, clock, bound, cachedAggregates, answers);
        this.settings = properties.groupCommit();
        this.database = database;
        for (int i = 0; i < settings.lanes(); i++) {
            lanes.add(new Lane(i));
        }
    }

    /**
     * Runs a wallet command exactly once for its idempotency key and answers when its group has
     * committed; the command's form (null when no caller is answered) makes the answer stored with the
     * key. Refusals and failures are thrown as the command handler threw them.
     */
    public CommandOutcome send(LedgerCommand command) {
        database.requireReachable();
        PendingCommand pending = new PendingCommand(command);
        long deadline = System.nanoTime() + settings.answerWaitMax().toNanos();
        if (!running || !laneOf(command.aggregateId()).queue.offer(pending)) {
            throw busy();
        }
        CommandAnswer answer = await(pending, deadline);
        if (answer.failure() != null) {
            throw answer.failure();
        }
        return answer.outcome();
    }

    /**
     * Runs each command exactly once for its key, as {@link #send} does, and answers them in
     * order once their groups have committed; one command's refusal never touches another's. The
     * commands are queued on their lanes in order, so the commands of one wallet run in the order
     * given. A lane that is full is waited for, within the answer wait; a command that finds no
     * room or no answer in time is answered {@link LedgerBusyException} (it may still complete:
     * a retry under its key tells).
     */
    public List<CommandAnswer> sendEach(List<LedgerCommand> commands) {
        long deadline = System.nanoTime() + settings.answerWaitMax().toNanos();
        List<PendingCommand> queued = new ArrayList<>(commands.size());
        for (LedgerCommand command : commands) {
            PendingCommand pending = new PendingCommand(command);
            if (database.away()) {
                pending.answer.completeExceptionally(new DatabaseAwayException());
            } else if (!queue(pending, deadline)) {
                pending.answer.completeExceptionally(busy());
            }
            queued.add(pending);
        }
        return queued.stream().map(pending -> await(pending, deadline)).toList();
    }

    private boolean queue(PendingCommand pending, long deadline) {
        try {
            return running && laneOf(pending.aggregateId).queue.offer(pending, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for the command's answer until {@code deadline}, or until the database is found away:
     * then the lane may be waiting for a connection that will not come, and the caller is told so at
     * once rather than at the deadline. Either way the command may still complete; a retry with the
     * same key tells.
     */
    private CommandAnswer await(PendingCommand pending, long deadline) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    return CommandAnswer.of(pending.answer.get(Math.max(0, Math.min(left, AWAY_CHECK_NANOS)), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    if (deadline - System.nanoTime() <= 0) {
                        return CommandAnswer.failed(new LedgerBusyException("no answer within " + settings.answerWaitMax()
                                + "; the command may still complete: send the same request again with the same idempotency key to "
                                + "learn its outcome"));
                    }
                    if (database.away()) {
                        return CommandAnswer.failed(new DatabaseAwayException());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandAnswer.failed(new LedgerBusyException("interrupted while waiting for the answer"));
        } catch (ExecutionException e) {
            return CommandAnswer.failed(e.getCause() instanceof RuntimeException failure ? failure
                    : new CommandExecutionException("the command failed", e.getCause()));
        }
    }

    private LedgerBusyException busy() {
        return new LedgerBusyException("the ledger is not taking commands right now (" + settings.queuedCommandsMax()
                + " queued per lane at most); send the same request again with the same idempotency key");
    }

    static final class PendingCommand {
        final CommandMessage<?> command;
        final IdempotencyMetaData key;
        /** The wallet or profile the command is for, as the event store names it. */
        final String aggregateId;
        /** How its answer is made, to be stored with its key; null when it answers no caller. */
        final AnswerForm<?> form;
        final CompletableFuture<CommandOutcome> answer = new CompletableFuture<>();

        PendingCommand(LedgerCommand command) {
            this.command = command.command();
            this.key = command.key();
            this.aggregateId = command.aggregateId();
            this.form = command.form();
        }
    }

    final class Lane implements Runnable {
        final BlockingQueue<PendingCommand> queue = new ArrayBlockingQueue<>(settings.queuedCommandsMax());
        /** Commands whose key was already in the group being formed; they lead the next group. */
        final Deque<PendingCommand> deferred = new ArrayDeque<>();
        final Thread thread;

        Lane(int number) {
            thread = new Thread(this, "group-commit-" + number);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<PendingCommand> group = new ArrayList<>(settings.batchCommandsMax());
            while (running || !queue.isEmpty() || !deferred.isEmpty()) {
                try {
                    nextGroup(group);
                } catch (InterruptedException e) {
                    break;
                }
                if (!group.isEmpty()) {
                    Lock shared = lanesPaused.readLock();
                    shared.lock();
                    try {
                        commit(group);
                    } finally {
                        shared.unlock();
                    }
                    group.clear();
                }
            }
            refuseLeftovers();
        }

        /** Forms the next group: deferred commands first, then what has queued, each key at most once. */
        void nextGroup(List<PendingCommand> group) throws InterruptedException {
            Set<Key> keysInGroup = new HashSet<>();
            for (int i = deferred.size(); i > 0; i--) {
                take(deferred.poll(), group, keysInGroup);
            }
            if (group.isEmpty()) {
                PendingCommand first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return;
                }
                take(first, group, keysInGroup);
            }
            for (PendingCommand next; group.size() < settings.batchCommandsMax() && (next = queue.poll()) != null; ) {
                take(next, group, keysInGroup);
            }
        }

        private void take(PendingCommand pending, List<PendingCommand> group, Set<Key> keysInGroup) {
            if (group.size() < settings.batchCommandsMax() && keysInGroup.add(pending.key.key())) {
                group.add(pending);
            } else {
                deferred.add(pending);
            }
        }

        private void refuseLeftovers() {
            List<PendingCommand> leftovers = new ArrayList<>(deferred);
            queue.drainTo(leftovers);
            leftovers.forEach(pending -> pending.answer.completeExceptionally(
                    new LedgerBusyException("the service is stopping; send the same request again with the same idempotency key")));
        }
    }

    /** Runs one group and answers each of its commands. */
    void commit(List<PendingCommand> group) {
        if (database.away()) {
            // Queued before the database was found away: trying would only wait for a connection that will not come.
            refuse(group, new DatabaseAwayException());
            return;
        }
        try {
            List<CommandAnswer> results = transaction.inOneTransaction(group, false);
            for (int i = 0; i < group.size(); i++) {
                results.get(i).answer(group.get(i));
            }
        } catch (RuntimeException failure) {
            if (database.noteFailure(failure)) {
                refuse(group, new DatabaseAwayException());
                return;
            }
            if (group.size() > 1) {
                log.debug("a group of {} commands failed as a whole; running them one by one", group.size(), failure);
                group.forEach(pending -> commit(List.of(pending)));
                return;
            }
            PendingCommand pending = group.get(0);
            try {
                ConcurrencyConflictRetryScheduler.retryingLostRaces(failure, () -> transaction.inOneTransaction(group, false))
                        .get(0).answer(pending);
            } catch (RuntimeException last) {
                pending.answer.completeExceptionally(database.noteFailure(last) ? new DatabaseAwayException() : last);
            }
        }
    }

    private static void refuse(List<PendingCommand> group, LedgerBusyException refusal) {
        group.forEach(pending -> pending.answer.completeExceptionally(refusal));
    }

    /**
     * Runs commands as one: under one idempotency key, in one transaction, every command executed
     * or none. Each step makes its command from the receipts of the commands before it, or returns
     * null to run none (a coupon's use, then the wallet's credit of what it decided). {@code
     * combined} makes the one receipt stored for the key from the commands' receipts, and {@code
     * form} the answer stored with it. A refused command refuses the batch
     * ({@link BatchCommandRefusedException}, naming the step).
     */
    public CommandOutcome sendAllOrNothing(List<Function<List<CommandReceipt>, CommandMessage<?>>> steps, IdempotencyMetaData key,
                                           Function<List<CommandReceipt>, CommandReceipt> combined, AnswerForm<?> form) {
        return withLanesPaused(() -> transaction.allOrNothing(steps, key, combined, form));
    }

    /**
     * Runs commands, each under its own idempotency key, in one transaction: every command is
     * executed (or replayed, when its key already has an outcome) or none is. A refused command
     * refuses the batch ({@link BatchCommandRefusedException}) and nothing of it is stored, its
     * keys included. Each key at most once in {@code commands}.
     */
    public List<CommandOutcome> sendAtomically(List<LedgerCommand> commands) {
        List<PendingCommand> batch = commands.stream().map(PendingCommand::new).toList();
        try {
            return withLanesPaused(() -> transaction.inOneTransaction(batch, true)).stream().map(CommandAnswer::outcome).toList();
        } catch (IdempotencyKeyReusedException reused) {
            // Found while the keys are read, before any command runs: it is the refusal of the command that reused the key.
            for (int i = 0; i < commands.size(); i++) {
                if (commands.get(i).key().idempotencyKey().equals(reused.idempotencyKey())) {
                    throw new BatchCommandRefusedException(i, reused);
                }
            }
            throw reused;
        }
    }

    /** Runs {@code work} alone, with every lane paused; once more after a lost race with another node. */
    private <T> T withLanesPaused(Supplier<T> work) {
        database.requireReachable();
        Lock exclusive = lanesPaused.writeLock();
        try {
            if (!running || !exclusive.tryLock(settings.answerWaitMax().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LedgerBusyException("the lanes did not pause within " + settings.answerWaitMax()
                        + "; send the same request again with the same idempotency key");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerBusyException("interrupted while waiting for the lanes to pause");
        }
        try {
            try {
                return work.get();
            } catch (RuntimeException failure) {
                return ConcurrencyConflictRetryScheduler.retryingLostRaces(failure, work);
            }
        } finally {
            exclusive.unlock();
        }
    }

    Lane laneOf(String walletId) {
        return lanes.get(Math.floorMod(walletId.hashCode(), lanes.size()));
    }

    @Override
    public void start() {
        running = true;
        lanes.forEach(lane -> lane.thread.start());
    }

    /** Stops taking commands, finishes what is queued, then lets the lanes end. */
    @Override
    public void stop() {
        running = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(settings.answerWaitMax().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
