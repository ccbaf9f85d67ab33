package io.chipledger.core.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.partner.SettlementPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Random game rounds as providers send them (issue 11): bets and wins of 0, several wins per round
 * under {@code multi_win}, wins that close their round, rollbacks of bets never seen, late bets,
 * bets and wins naming the wrong round, and the round timeout. Whatever the sequence, in the
 * events the wallet accepted: no bet is both settled and refunded, none is settled twice, none is
 * charged after its rollback, a closed round takes nothing more, a win always has a live bet in
 * its round, and every round's money adds up (each refund is its bet's stake; the player's
 * postings of a round are its wins and refunds less its stakes).
 */
class GameRoundProperties {

    private static final WalletId WALLET = new WalletId("p1", "player-1");
    private static final Instant FAR_LATER = Instant.parse("2100-01-01T00:00:00Z");

    /** One provider call; {@code bet} and {@code round} pick among a few, so calls collide often. */
    record Call(Kind kind, int round, int bet, long amountMinor, boolean roundClosed, boolean namesBet, SettlementPolicy policy) {
        enum Kind { BET, WIN, ROLLBACK, TIME_OUT }
    }

    @Provide
    Arbitrary<Call> calls() {
        return Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, Arbitraries.just(Call.Kind.BET)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(Call.Kind.WIN)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Call.Kind.ROLLBACK)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Call.Kind.TIME_OUT))),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 9),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 300))),
                Arbitraries.of(true, false, false, false),
                Arbitraries.of(true, false),
                Arbitraries.of(SettlementPolicy.class)).as(Call::new);
    }

    /**
     * The partner's policy is drawn per call: partners switch policies while rounds are open, and
     * every round must still add up.
     */
    @Property(tries = 200)
    void noBetIsSettledAndRefundedAndEveryRoundAddsUp(@ForAll @Size(min = 1, max = 80) List<@net.jqwik.api.From("calls") Call> calls) {
        Configuration axon = startWallet();
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(new DepositFundsCommand(WALLET, "t-dep", "dep", "USD", 1_000_000));
        int sent = 0;
        Map<String, SettlementPolicy> policyOf = new HashMap<>();
        for (Call call : calls) {
            String id = "call-" + sent++;
            policyOf.put("t-" + id, call.policy());
            try {
                gateway.sendAndWait(commandFor(call, id, call.policy()));
            } catch (RuleViolation refused) {
                // A refusal is a legal answer; what matters is what was accepted.
            }
        }
        List<DomainEventMessage<?>> history = new ArrayList<>();
        axon.eventStore().readEvents(WALLET.toString()).forEachRemaining(history::add);
        axon.shutdown();
        checkRounds(history, policyOf);
    }

    private static Object commandFor(Call call, String id, SettlementPolicy policy) {
        String round = "r" + call.round();
        String bet = "b" + call.bet();
        return switch (call.kind()) {
            case BET -> new PlaceBetCommand(WALLET, "t-" + id, bet, "USD", call.amountMinor(), "slots", round);
            case WIN -> new PayWinCommand(WALLET, "t-" + id, id, "USD", call.amountMinor(), "slots", round,
                    call.namesBet() ? bet : null, call.roundClosed(), policy);
            case ROLLBACK -> new RollbackBetCommand(WALLET, "t-" + id, id, bet, policy);
            case TIME_OUT -> new TimeOutRoundCommand(WALLET, "t-" + id, id, "slots", round, FAR_LATER, Duration.ofHours(24));
        };
    }

    /** The checks of the class comment, over the accepted events in order. */
    private static void checkRounds(List<DomainEventMessage<?>> history, Map<String, SettlementPolicy> policyOf) {
        Map<String, String> roundOfBet = new HashMap<>();
        Map<String, Long> stakeOf = new HashMap<>();
        Set<String> open = new HashSet<>();
        Set<String> settled = new HashSet<>();
        Set<String> rolledBack = new HashSet<>();
        Set<String> closedRounds = new HashSet<>();
        Map<String, Long> playerNetOfRound = new HashMap<>();
        Map<String, Long> expectedNetOfRound = new HashMap<>();
        for (DomainEventMessage<?> message : history) {
            Object event = message.getPayload();
            if (event instanceof BetPlacedEvent placed) {
                String bet = placed.partnerTransactionId();
                assertThat(rolledBack).as("bet %s charged after its rollback", bet).doesNotContain(bet);
                assertThat(closedRounds).as("bet in closed round %s", placed.roundId()).doesNotContain(placed.roundId());
                assertThat(roundOfBet).as("bet %s placed twice", bet).doesNotContainKey(bet);
                roundOfBet.put(bet, placed.roundId());
                stakeOf.put(bet, placed.amountMinor());
                open.add(bet);
                add(expectedNetOfRound, placed.roundId(), -placed.amountMinor());
                add(playerNetOfRound, placed.roundId(), playerChange(placed.postings()));
            } else if (event instanceof WinPaidEvent win) {
                assertThat(closedRounds).as("win in closed round %s", win.roundId()).doesNotContain(win.roundId());
                assertThat(roundOfBet.entrySet().stream().anyMatch(bet -> bet.getValue().equals(win.roundId())
                        && !rolledBack.contains(bet.getKey()))).as("win %s without a live bet", win.partnerTransactionId()).isTrue();
                if (policyOf.get(win.transactionId()) == SettlementPolicy.SINGLE_WIN) {
                    assertThat(win.settledBetPartnerTransactionIds()).as("single_win win %s settled no bet", win.partnerTransactionId())
                            .isNotEmpty();
                }
                for (String bet : win.settledBetPartnerTransactionIds()) {
                    assertThat(open).as("win settles bet %s that is not open", bet).contains(bet);
                    assertThat(roundOfBet.get(bet)).isEqualTo(win.roundId());
                    open.remove(bet);
                    settled.add(bet);
                }
                add(expectedNetOfRound, win.roundId(), win.amountMinor());
                add(playerNetOfRound, win.roundId(), playerChange(win.postings()));
                closeIfSo(win.roundId(), win.roundClose(), open, roundOfBet, closedRounds, policyOf.get(win.transactionId()));
            } else if (event instanceof BetRolledBackEvent rollback) {
                String bet = rollback.betPartnerTransactionId();
                assertThat(settled).as("bet %s refunded after it was settled", bet).doesNotContain(bet);
                assertThat(open).as("bet %s refunded while not open", bet).contains(bet);
                assertThat(rollback.amountMinor()).isEqualTo(stakeOf.get(bet));
                open.remove(bet);
                rolledBack.add(bet);
                add(expectedNetOfRound, rollback.roundId(), rollback.amountMinor());
                add(playerNetOfRound, rollback.roundId(), playerChange(rollback.postings()));
                closeIfSo(rollback.roundId(), rollback.roundClose(), open, roundOfBet, closedRounds, policyOf.get(rollback.transactionId()));
            } else if (event instanceof UnknownBetRollbackRecordedEvent recorded) {
                assertThat(roundOfBet).as("bet %s was seen, not unknown", recorded.betPartnerTransactionId())
                        .doesNotContainKey(recorded.betPartnerTransactionId());
                rolledBack.add(recorded.betPartnerTransactionId());
            } else if (event instanceof RoundTimedOutEvent timedOut) {
                assertThat(closedRounds).doesNotContain(timedOut.roundId());
                timedOut.settledBetPartnerTransactionIds().forEach(bet -> {
                    assertThat(open).contains(bet);
                    open.remove(bet);
                    settled.add(bet);
                });
                closedRounds.add(timedOut.roundId());
            }
            assertThat(settled.stream().filter(rolledBack::contains).toList()).as("bets both settled and refunded").isEmpty();
        }
        assertThat(playerNetOfRound).as("every round's money adds up").isEqualTo(expectedNetOfRound);
    }

    /** A round's close: the event's reason; under single_win it must close exactly when no bet of it is left open. */
    private static void closeIfSo(String round, RoundClose close, Set<String> open, Map<String, String> roundOfBet,
                                  Set<String> closedRounds, SettlementPolicy policy) {
        boolean anyOpen = open.stream().anyMatch(bet -> roundOfBet.get(bet).equals(round));
        if (close != null) {
            assertThat(anyOpen).as("round %s closed with bets still open", round).isFalse();
            closedRounds.add(round);
        } else if (policy == SettlementPolicy.SINGLE_WIN) {
            assertThat(anyOpen).as("round %s has no open bet left but stayed open under single_win", round).isTrue();
        }
    }

    private static long playerChange(List<Posting> postings) {
        return postings.stream().filter(Posting::isPlayerAccount).mapToLong(Posting::amountMinor).sum();
    }

    private static void add(Map<String, Long> sums, String round, long amount) {
        sums.merge(round, amount, Long::sum);
    }

    private static Configuration startWallet() {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(PlayerWallet.class)
                .registerComponent(Fates.class, c -> new RecordedFates())
                .buildConfiguration();
        configuration.start();
        return configuration;
    }
}
