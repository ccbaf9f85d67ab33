package io.chipledger.api.command;

import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyKeys;
import io.chipledger.api.idempotency.IdempotencyKeys.Key;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import io.chipledger.api.idempotency.RecordedOutcome;
import io.chipledger.api.store.AppendTransactionBound;
import io.chipledger.api.store.CachedAggregates;
import io.chipledger.core.CommandReceipt;
import io.chipledger.core.ledger.RuleViolation;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One transaction of {@link GroupCommit}: a group's commands, or an all-or-nothing batch, run in
 * one database transaction. The idempotency keys are claimed in one statement, every command runs
 * in its own nested unit of work (a refused command changes nothing), the events are appended
 * in one batch, the outcomes are recorded in one statement with each event's global position and
 * each command's answer ({@link Answers}),
 * and the transaction commits if it was not open longer than {@link AppendTransactionBound}
 * allows. No outcome stands on a wallet another node changed after this node cached it
 * ({@link CachedAggregates}). What each command came to is returned only after the commit.
 */
final class GroupTransaction {

    private final CommandBus commandBus;
    private final TransactionManager transactionManager;
    private final IdempotencyKeys keys;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AppendTransactionBound bound;
    private final CachedAggregates cachedAggregates;
    private final Answers answers;

    GroupTransaction(CommandBus commandBus, TransactionManager transactionManager, IdempotencyKeys keys, JdbcTemplate jdbc,
                     Clock clock, AppendTransactionBound bound, CachedAggregates cachedAggregates, Answers answers) {
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
        this.bound = bound;
        this.cachedAggregates = cachedAggregates;
        this.answers = answers;
    }

    /** A stored event, by wallet and sequence number. */
    private record EventRef(String aggregateId, long sequenceNumber) {
    }

    /**
     * Runs {@code steps} in order in one transaction under one key: each step makes its command
     * from the receipts of the steps before it (a reward pool's draw decides what the wallet is
     * credited), or returns null to run none. The receipts given to {@code combined} are those of
     * the commands run, in order.
     */
    CommandOutcome allOrNothing(List<Function<List<CommandReceipt>, CommandMessage<?>>> steps, IdempotencyMetaData key,
                                Function<List<CommandReceipt>, CommandReceipt> combined, AnswerForm<?> form) {
        CommandOutcome[] outcome = new CommandOutcome[1];
        inTransaction("all-or-nothing batch of " + steps.size() + " commands", root -> {
            if (!keys.claim(List.of(key)).isEmpty()) {
                outcome[0] = new CommandOutcome(keys.stored(List.of(key)).get(key.key()), true);
                return;
            }
            List<CommandReceipt> receipts = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                CommandMessage<?> command = steps.get(i).apply(List.copyOf(receipts));
                if (command == null) {
                    continue;
                }
                CommandResultMessage<?> result = dispatchNested(command);
                if (result.isExceptional()) {
                    Throwable failure = result.exceptionResult();
                    throw isRefusal(failure) ? new BatchCommandRefusedException(i, (RuntimeException) failure) : asRuntime(failure);
                }
                receipts.add((CommandReceipt) result.getPayload());
            }
            CommandReceipt receipt = combined.apply(receipts);
            root.onPrepareCommit(u -> {
                RecordedOutcome recorded = recordedOutcome(receipt, positionsOf(List.of(receipt)), form);
                keys.record(Map.of(key, recorded));
                outcome[0] = new CommandOutcome(recorded, false);
            });
        });
        return outcome[0];
    }

    /**
     * One root unit of work in one database transaction; what {@code work} registers on it runs as
     * it commits, and then the bound on how long it may have been open ({@link AppendTransactionBound}).
     */
    private void inTransaction(String description, Consumer<UnitOfWork<?>> work) {
        long started = System.nanoTime();
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>(description));
        try {
            root.attachTransaction(transactionManager);
            bound.limitIdleTime();
            work.accept(root);
            bound.enforceOn(root, started);
            root.commit();
        } catch (RuntimeException failure) {
            if (root.isActive()) {
                root.rollback(failure);
            }
            throw failure;
        }
    }

    /**
     * Runs a group in one transaction. A refused command changes nothing and the others go on;
     * when {@code atomic}, a refusal instead rolls back the whole group
     * ({@link BatchCommandRefusedException}, naming the command's place in the group).
     */
    List<CommandAnswer> inOneTransaction(List<GroupCommit.PendingCommand> group, boolean atomic) {
        CommandAnswer[] results = new CommandAnswer[group.size()];
        inTransaction((atomic ? "atomic batch of " : "group of ") + group.size() + " wallet commands", root -> {
            List<IdempotencyMetaData> groupKeys = group.stream().map(pending -> pending.key).toList();
            if (groupKeys.stream().map(IdempotencyMetaData::key).distinct().count() != groupKeys.size()) {
                throw new IllegalStateException("a group holds each idempotency key once; the lane defers repeats");
            }
            Set<Key> taken = keys.claim(groupKeys);
            Map<Key, RecordedOutcome> earlier = taken.isEmpty() ? Map.of()
                    : keys.stored(groupKeys.stream().filter(key -> taken.contains(key.key())).toList());

            Map<Integer, CommandReceipt> executed = new LinkedHashMap<>();
            List<IdempotencyMetaData> refused = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                GroupCommit.PendingCommand pending = group.get(i);
                RecordedOutcome replay = earlier.get(pending.key.key());
                if (replay != null) {
                    results[i] = CommandAnswer.of(new CommandOutcome(replay, true));
                    continue;
                }
                boolean cached = cachedAggregates.isCached(pending.aggregateId);
                CommandResultMessage<?> result = dispatchNested(pending.command);
                if (cached && result.isExceptional() && isRefusal(result.exceptionResult())) {
                    // Refused on a copy another node may have outdated; the refusal dropped it: decide on what the store holds.
                    result = dispatchNested(pending.command);
                }
                if (!result.isExceptional()) {
                    executed.put(i, (CommandReceipt) result.getPayload());
                } else if (isRefusal(result.exceptionResult()) && atomic) {
                    throw new BatchCommandRefusedException(i, (RuntimeException) result.exceptionResult());
                } else if (isRefusal(result.exceptionResult())) {
                    results[i] = CommandAnswer.failed((RuntimeException) result.exceptionResult());
                    refused.add(pending.key);
                } else {
                    throw asRuntime(result.exceptionResult());
                }
            }
            keys.release(refused);
            // Registered last, so it runs after the event bus has appended the group's events.
            root.onPrepareCommit(u -> recordOutcomes(group, executed, results));
        });
        return List.of(results);
    }

    private CommandResultMessage<?> dispatchNested(CommandMessage<?> command) {
        CompletableFuture<CommandResultMessage<?>> result = new CompletableFuture<>();
        commandBus.dispatch(command, (message, resultMessage) -> result.complete(resultMessage));
        if (!result.isDone()) {
            throw new IllegalStateException("the command bus must handle a command on the calling thread, inside the group's transaction");
        }
        return result.join();
    }

    private void recordOutcomes(List<GroupCommit.PendingCommand> group, Map<Integer, CommandReceipt> executed, CommandAnswer[] results) {
        Map<EventRef, Stored> positions = positionsOf(executed.values());
        Map<IdempotencyMetaData, RecordedOutcome> outcomes = new HashMap<>();
        for (Map.Entry<Integer, CommandReceipt> entry : executed.entrySet()) {
            GroupCommit.PendingCommand pending = group.get(entry.getKey());
            RecordedOutcome outcome = recordedOutcome(entry.getValue(), positions, pending.form);
            outcomes.put(pending.key, outcome);
            results[entry.getKey()] = CommandAnswer.of(new CommandOutcome(outcome, false));
        }
        keys.record(outcomes);
    }

    /** The outcome stored with the key, with its answer made ({@code form}) as the command commits. */
    private RecordedOutcome recordedOutcome(CommandReceipt receipt, Map<EventRef, Stored> positions, AnswerForm<?> form) {
        Stored stored = positions.get(new EventRef(receipt.aggregateId(), receipt.version()));
        if (stored == null) {
            throw new IllegalStateException("event " + receipt.version() + " of " + receipt.aggregateId() + " is not in the store");
        }
        return answers.answered(new RecordedOutcome(receipt, stored.position(), clock.instant(), null), form);
    }

    /** Where a receipt's event is in the store, and the newest sequence its aggregate has there (this transaction's included). */
    private record Stored(long position, long newestSequence) {
    }

    /** The global position of each receipt's newest event and its aggregate's newest sequence, in one query. */
    private Map<EventRef, Stored> positionsOf(Collection<CommandReceipt> receipts) {
        Map<EventRef, Stored> positions = new HashMap<>();
        if (receipts.isEmpty()) {
            return positions;
        }
        jdbc.query(connection -> {
            // Scalar subqueries per event: PostgreSQL never turns them into a join, so each stays an
            // index lookup; a join against the arrays was planned as a scan of the whole store.
            PreparedStatement statement = connection.prepareStatement("SELECT wanted.aggregate_identifier, wanted.sequence_number, "
                    + "(SELECT global_index FROM domain_event_entry e WHERE e.aggregate_identifier = wanted.aggregate_identifier "
                    + "AND e.sequence_number = wanted.sequence_number), "
                    + "(SELECT max(n.sequence_number) FROM domain_event_entry n WHERE n.aggregate_identifier = wanted.aggregate_identifier) "
                    + "FROM unnest(?::varchar[], ?::bigint[]) AS wanted (aggregate_identifier, sequence_number)");
            statement.setArray(1, connection.createArrayOf("varchar", receipts.stream().map(CommandReceipt::aggregateId).toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", receipts.stream().map(CommandReceipt::version).toArray()));
            return statement;
        }, row -> {
            long position = row.getLong(3);
            if (!row.wasNull()) {
                positions.put(new EventRef(row.getString(1), row.getLong(2)), new Stored(position, row.getLong(4)));
            }
        });
        requireDecidedOnTheNewest(receipts, positions);
        return positions;
    }

    /**
     * Every receipt's aggregate has nothing in the store newer than what this transaction wrote
     * for it. Something newer was written by another node after this node cached the aggregate: a
     * command that appended nothing (a freeze of a wallet it believed frozen) decided on the stale
     * copy. Thrown as a lost race, so the group is run again on fresh state.
     */
    private static void requireDecidedOnTheNewest(Collection<CommandReceipt> receipts, Map<EventRef, Stored> positions) {
        Map<String, Long> newestWritten = new HashMap<>();
        receipts.forEach(receipt -> newestWritten.merge(receipt.aggregateId(), receipt.version(), Math::max));
        for (CommandReceipt receipt : receipts) {
            Stored stored = positions.get(new EventRef(receipt.aggregateId(), receipt.version()));
            if (stored != null && stored.newestSequence() > newestWritten.get(receipt.aggregateId())) {
                throw new ConcurrencyException(receipt.aggregateId() + " has event " + stored.newestSequence()
                        + " in the store, newer than the copy its command decided on");
            }
        }
    }

    /** A command the ledger refused for a reason of its own; it stores nothing and shares its group with others. */
    static boolean isRefusal(Throwable failure) {
        return failure instanceof RuleViolation || failure instanceof AggregateNotFoundException;
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new CommandExecutionException("the command failed", failure);
    }
}
