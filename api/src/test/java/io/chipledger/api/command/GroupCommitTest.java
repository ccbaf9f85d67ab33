package io.chipledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.command.GroupCommit.PendingCommand;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import io.chipledger.core.CommandReceipt;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.DepositFundsCommand;
import io.chipledger.core.wallet.PlaceBetCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Groups of wallet commands in one transaction, formed by hand so each case is certain: every
 * command gets its own answer, a refusal stores nothing and costs the others nothing, and a group
 * that fails as a whole is run again one command at a time.
 */
class GroupCommitTest extends LedgerApiTest {

    @Autowired
    private GroupCommit groupCommit;
    @Autowired
    private org.axonframework.commandhandling.CommandBus commandBus;
    @Autowired
    private io.chipledger.api.LedgerProperties properties;

    /**
     * A registered partner, as every wallet command's partner is: the audit verification reads the
     * events of registered partners, so a made-up one left books it cannot balance.
     */
    private String partner;

    @BeforeEach
    void registerPartner() {
        partner = client.newPartner()[0];
    }

    @Test
    void eachCommandOfAGroupGetsItsOwnAnswerAndOnlyExecutedCommandsKeepTheirKeys() {
        WalletId alice = new WalletId(partner, "alice");
        WalletId bob = new WalletId(partner, "bob");
        List<PendingCommand> group = List.of(
                pending("k1", new DepositFundsCommand(alice, "t1", "k1", "USD", 10_000)),
                pending("k2", new PlaceBetCommand(alice, "t2", "k2", "USD", 2_500, "slots", "r1")),
                pending("k3", new PlaceBetCommand(new WalletId(partner, "nobody"), "t3", "k3", "USD", 100, "slots", "r1")),
                pending("k4", new PlaceBetCommand(alice, "t4", "k4", "USD", 1_000_000, "slots", "r2")),
                pending("k5", new DepositFundsCommand(bob, "t5", "k5", "USD", 700)));

        groupCommit.commit(group);

        CommandOutcome deposit = answer(group.get(0));
        CommandOutcome bet = answer(group.get(1));
        CommandOutcome bobDeposit = answer(group.get(4));
        assertThat(usdAvailable(bet)).isEqualTo(7_500);
        assertThat(usdAvailable(bobDeposit)).isEqualTo(700);
        assertThatThrownBy(() -> answer(group.get(2))).hasCauseInstanceOf(AggregateNotFoundException.class);
        assertThatThrownBy(() -> answer(group.get(3))).hasCauseInstanceOf(RuleViolation.class);

        assertThat(deposit.recorded().position()).isLessThan(bet.recorded().position());
        assertThat(positionOfLastEvent(alice)).isEqualTo(bet.recorded().position());
        assertThat(positionOfLastEvent(bob)).isEqualTo(bobDeposit.recorded().position());
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM idempotency_key WHERE partner_id = ? AND outcome IS NOT NULL AND " + COMMAND_KEYS + " "
                + "ORDER BY idempotency_key", String.class, partner)).containsExactly("k1", "k2", "k5");
        assertThat(storedKeys(partner)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM (SELECT xmin FROM domain_event_entry WHERE "
                + "aggregate_identifier IN (?, ?) UNION ALL SELECT xmin FROM idempotency_key WHERE partner_id = ? AND " + COMMAND_KEYS + ") rows", Long.class,
                alice.toString(), bob.toString(), partner))
                .as("the refusals did not break the group apart: its events and keys were written by one transaction").isEqualTo(1);
    }

    @Test
    void aRefusedCommandAloneInItsGroupStoresNothingAndLeavesItsKeyFree() {
        PendingCommand refused = pending("g1", new PlaceBetCommand(new WalletId(partner, "nobody"), "t1", "g1", "USD", 100, "slots", "r1"));

        groupCommit.commit(List.of(refused));

        assertThatThrownBy(() -> answer(refused)).hasCauseInstanceOf(AggregateNotFoundException.class);
        assertThat(storedKeys(partner)).isZero();
    }

    @Test
    void aKeyAlreadyUsedInAnEarlierGroupIsAnsweredFromItsStoredOutcome() {
        WalletId carol = new WalletId(partner, "carol");
        PendingCommand first = pending("d1", new DepositFundsCommand(carol, "t1", "d1", "USD", 500));
        groupCommit.commit(List.of(first));

        PendingCommand again = pending("d1", new DepositFundsCommand(carol, "t1-again", "d1", "USD", 500));
        PendingCommand next = pending("d2", new DepositFundsCommand(carol, "t2", "d2", "USD", 300));
        groupCommit.commit(List.of(again, next));

        assertThat(answer(again).isReplayed()).isTrue();
        assertThat(answer(again).recorded()).isEqualTo(answer(first).recorded());
        assertThat(usdAvailable(answer(next))).isEqualTo(800);
        assertThat(eventCount(partner, "carol", "wallet.FundsDepositedEvent")).isEqualTo(2);
    }

    @Test
    void aGroupThatFailsAsAWholeIsRunAgainOneCommandAtATime() {
        WalletId dave = new WalletId(partner, "dave");
        List<PendingCommand> group = new ArrayList<>(List.of(
                pending("e1", new DepositFundsCommand(dave, "t1", "e1", "USD", 1_000)),
                pending("e2", "no handler takes a plain string, so the whole group fails"),
                pending("e3", new DepositFundsCommand(dave, "t3", "e3", "USD", 2_000))));

        groupCommit.commit(group);

        assertThat(usdAvailable(answer(group.get(0)))).isEqualTo(1_000);
        assertThatThrownBy(() -> answer(group.get(1))).hasCauseInstanceOf(NoHandlerForCommandException.class);
        assertThat(usdAvailable(answer(group.get(2)))).isEqualTo(3_000);
        assertThat(eventCount(partner, "dave", "wallet.FundsDepositedEvent")).isEqualTo(2);
        assertThat(storedKeys(partner)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ? AND outcome IS NULL AND " + COMMAND_KEYS, Long.class, partner))
                .as("nothing of the failed group was committed half-way").isZero();
    }

    @Test
    void theSameKeyTwiceInOneGroupRunsOnceAndTheRepeatIsAnsweredFromTheFirst() {
        WalletId erin = new WalletId(partner, "erin");
        List<PendingCommand> group = List.of(
                pending("f1", new DepositFundsCommand(erin, "t1", "f1", "USD", 1_000)),
                pending("f1", new DepositFundsCommand(erin, "t2", "f1", "USD", 1_000)));

        groupCommit.commit(group);

        assertThat(usdAvailable(answer(group.get(0)))).isEqualTo(1_000);
        assertThat(answer(group.get(1)).isReplayed()).isTrue();
        assertThat(eventCount(partner, "erin", "wallet.FundsDepositedEvent")).isEqualTo(1);
    }

    @Test
    void anAllOrNothingBatchWithOneRefusalStoresNothingAndLeavesItsKeyFree() {
        WalletId fay = new WalletId(partner, "fay");
        WalletId gus = new WalletId(partner, "gus");
        IdempotencyMetaData key = keyOf("batch-1");
        List<CommandMessage<?>> refused = List.of(
                message(key, new DepositFundsCommand(fay, "t1", "batch-1", "USD", 500)),
                message(key, new PlaceBetCommand(gus, "t2", "batch-1", "USD", 100, "slots", "r1")),
                message(key, new DepositFundsCommand(gus, "t3", "batch-1", "USD", 500)));

        assertThatThrownBy(() -> groupCommit.sendAllOrNothing(steps(refused), key, receipts -> receipts.get(receipts.size() - 1), null))
                .isInstanceOfSatisfying(BatchCommandRefusedException.class, refusal -> assertThat(refusal.index()).isEqualTo(1));
        assertThat(eventCount(partner, "fay")).isZero();
        assertThat(eventCount(partner, "gus")).isZero();
        assertThat(storedKeys(partner)).isZero();

        List<CommandMessage<?>> accepted = List.of(
                message(key, new DepositFundsCommand(fay, "t4", "batch-1", "USD", 500)),
                message(key, new DepositFundsCommand(gus, "t5", "batch-1", "USD", 500)));
        CommandOutcome first = groupCommit.sendAllOrNothing(steps(accepted), key, receipts -> receipts.get(receipts.size() - 1), null);
        CommandOutcome again = groupCommit.sendAllOrNothing(steps(accepted), key, receipts -> receipts.get(receipts.size() - 1), null);

        assertThat(first.isReplayed()).isFalse();
        assertThat(again.isReplayed()).isTrue();
        assertThat(again.recorded().position()).isEqualTo(first.recorded().position()).isEqualTo(positionOfLastEvent(gus));
        assertThat(eventCount(partner, "fay", "wallet.FundsDepositedEvent")).isEqualTo(1);
        assertThat(eventCount(partner, "gus", "wallet.FundsDepositedEvent")).isEqualTo(1);
    }

    @Test
    void eachStepOfAnAllOrNothingChainIsMadeFromTheReceiptsBeforeItAndANullStepRunsNothing() {
        WalletId hal = new WalletId(partner, "hal");
        WalletId ivy = new WalletId(partner, "ivy");
        IdempotencyMetaData key = keyOf("chain-1");
        List<Function<List<CommandReceipt>, CommandMessage<?>>> chain = List.of(
                before -> message(key, new DepositFundsCommand(hal, "t1", "chain-1", "USD", 700)),
                before -> null,
                // Ivy receives what Hal's deposit left him, as a wallet credit decided by the step before.
                before -> message(key, new DepositFundsCommand(ivy, "t2", "chain-1", "USD",
                        ((WalletReceipt) before.get(0)).balances().get("USD").available())));

        CommandOutcome outcome = groupCommit.sendAllOrNothing(chain, key, receipts -> {
            assertThat(receipts).hasSize(2);
            return receipts.get(1);
        }, null);

        assertThat(outcome.isReplayed()).isFalse();
        assertThat(eventCount(partner, "ivy", "wallet.FundsDepositedEvent")).isEqualTo(1);
        assertThat(usdAvailable(outcome)).isEqualTo(700);
    }

    private static List<Function<List<CommandReceipt>, CommandMessage<?>>> steps(List<CommandMessage<?>> messages) {
        return messages.stream().<Function<List<CommandReceipt>, CommandMessage<?>>>map(message -> before -> message).toList();
    }

    /**
     * A group's transaction tells PostgreSQL to end it if it idles longer than the append bound, so
     * a node that stalls after the bound's check cannot commit its events after the other nodes'
     * processors gave up on their gap (red team of issue 18: 256 events reached no projection).
     */
    @Test
    void aGroupsTransactionIsEndedByTheDatabaseIfItIdlesLongerThanTheBound() {
        String[] seen = new String[1];
        Registration probe = commandBus.subscribe(String.class.getName(), command -> {
            seen[0] = jdbc.queryForObject("SELECT current_setting('idle_in_transaction_session_timeout')", String.class);
            throw new RuleViolation(RuleViolation.Rule.INSUFFICIENT_FUNDS, "a probe, refused so it stores nothing");
        });
        String[] seenAlone = new String[1];
        try {
            groupCommit.commit(List.of(pending("probe", "read the setting")));
            String inGroup = seen[0];
            seen[0] = null;
            // A command of its own (partners, keys, alerts) appends in its own transaction: the same limit.
            commandBus.dispatch(GenericCommandMessage.asCommandMessage("read the setting alone"));
            seenAlone[0] = seen[0];
            seen[0] = inGroup;
        } finally {
            probe.cancel();
        }
        assertThat(seen[0]).isEqualTo(properties.groupCommit().answerWaitMax().toSeconds() + "s");
        assertThat(seenAlone[0]).isEqualTo(properties.groupCommit().answerWaitMax().toSeconds() + "s");
        assertThat(jdbc.queryForObject("SELECT current_setting('idle_in_transaction_session_timeout')", String.class))
                .as("only inside the group's transaction").isEqualTo("0");
    }

    private static CommandMessage<?> message(IdempotencyMetaData key, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(key.asMetaData());
    }

    private PendingCommand pending(String key, Object command) {
        IdempotencyMetaData metaData = keyOf(key);
        CommandMessage<?> message = message(metaData, command);
        // A payload that names no aggregate (a command without a handler) is for no wallet in particular.
        String aggregateId = command instanceof String ? "no-wallet"
                : AnnotationCommandTargetResolver.builder().build().resolveTarget(message).getIdentifier();
        return new PendingCommand(new LedgerCommand(message, metaData, aggregateId, null));
    }

    private IdempotencyMetaData keyOf(String key) {
        return new IdempotencyMetaData(partner, key, "hash-" + key + "-".repeat(64 - 5 - key.length()), "test");
    }

    private static CommandOutcome answer(PendingCommand pending) {
        return pending.answer.join();
    }

    private long positionOfLastEvent(WalletId wallet) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                wallet.toString());
    }

    private static long usdAvailable(CommandOutcome outcome) {
        return ((WalletReceipt) outcome.recorded().receipt()).balances().get("USD").available();
    }
}
