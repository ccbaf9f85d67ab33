package io.chipledger.core.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.Postings;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.partner.SettlementPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
 * Random sequences of wallet commands, valid and invalid, against a real Axon command bus and
 * event store. Whatever the sequence: no balance goes below zero, every event's postings sum to
 * zero per asset, every balance equals the sum of its postings, and a wallet rebuilt from its
 * events answers with the same balances.
 */
class WalletInvariantProperties {

    private static final WalletId WALLET = new WalletId("p1", "player-1");
    private static final List<String> ASSETS = List.of("USD", "KRW", "DICE_TOKEN");

    /** One random step; {@code reference} picks an earlier bet or withdrawal, or one that never existed. */
    record Step(Kind kind, String asset, long amountMinor, int reference) {
        enum Kind { DEPOSIT, WITHDRAW, REQUEST_WITHDRAWAL, APPROVE, RELEASE, BET, WIN, ROLLBACK, ADJUST, FREEZE, UNFREEZE,
            GRANT, REVOKE, PLAY, PURCHASE }
    }

    @Provide
    Arbitrary<Step> steps() {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.of(Step.Kind.class),
                Arbitraries.of(ASSETS),
                Arbitraries.longs().between(1, 5_000),
                Arbitraries.integers().between(0, 20)).as(Step::new);
    }

    @Property(tries = 150)
    void theLedgerInvariantsHoldForAnySequence(@ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("steps") Step> steps) {
        Configuration axon = startWallets(List.of());
        CommandGateway gateway = axon.commandGateway();
        List<String> bets = new ArrayList<>();
        List<String> withdrawals = new ArrayList<>();
        WalletReceipt last = null;
        for (Step step : steps) {
            Object command = commandFor(step, bets, withdrawals);
            try {
                last = gateway.sendAndWait(command);
            } catch (RuleViolation | org.axonframework.modelling.command.AggregateNotFoundException refused) {
                // A refusal is a legal outcome; the invariants below must hold either way.
            }
        }
        List<DomainEventMessage<?>> history = eventsOf(axon);
        axon.shutdown();

        Map<String, Balance> fromPostings = replayPostings(history);
        if (last != null) {
            assertThat(nonZero(last.balances())).isEqualTo(nonZero(fromPostings));
        }
        if (!history.isEmpty()) {
            Configuration rebuilt = startWallets(history);
            WalletReceipt replayed = rebuilt.commandGateway().sendAndWait(new UnfreezeWalletCommand(WALLET, "read balances"));
            rebuilt.shutdown();
            assertThat(nonZero(replayed.balances())).isEqualTo(nonZero(fromPostings));
        }
    }

    /** Sums the player's postings event by event, checking each event on the way. */
    private static Map<String, Balance> replayPostings(List<DomainEventMessage<?>> history) {
        Map<String, Balance> balances = new TreeMap<>();
        for (DomainEventMessage<?> message : history) {
            if (!(message.getPayload() instanceof MoneyMovedEvent event)) {
                continue;
            }
            assertThat(Postings.sumPerAsset(event.postings()).values()).allMatch(sum -> sum == 0L);
            for (Posting posting : event.postings()) {
                if (!posting.isPlayerAccount()) {
                    continue;
                }
                Balance before = balances.getOrDefault(posting.asset(), Balance.ZERO);
                balances.put(posting.asset(), posting.account().equals(Posting.PLAYER_RESERVED)
                        ? new Balance(before.available(), before.reserved() + posting.amountMinor())
                        : new Balance(before.available() + posting.amountMinor(), before.reserved()));
            }
            event.balancesAfter().forEach((asset, after) -> {
                assertThat(after).isEqualTo(balances.getOrDefault(asset, Balance.ZERO));
                assertThat(after.available()).isNotNegative();
                assertThat(after.reserved()).isNotNegative();
            });
        }
        return balances;
    }

    private static Object commandFor(Step step, List<String> bets, List<String> withdrawals) {
        String id = UUID.randomUUID().toString();
        return switch (step.kind()) {
            case DEPOSIT -> new DepositFundsCommand(WALLET, "t-" + id, id, step.asset(), step.amountMinor());
            case WITHDRAW -> new WithdrawFundsCommand(WALLET, "t-" + id, id, step.asset(), step.amountMinor());
            case REQUEST_WITHDRAWAL -> {
                withdrawals.add(id);
                yield new RequestWithdrawalCommand(WALLET, "t-" + id, id, step.asset(), step.amountMinor(),
                        Instant.parse("2030-01-01T00:00:00Z"));
            }
            case APPROVE -> new ApproveWithdrawalCommand(WALLET, "t-" + id, id, pick(withdrawals, step.reference()));
            case RELEASE -> new ReleaseWithdrawalCommand(WALLET, "t-" + id, id, pick(withdrawals, step.reference()),
                    WithdrawalRelease.CANCELLED);
            case BET -> {
                bets.add(id);
                yield new PlaceBetCommand(WALLET, "t-" + id, id, step.asset(), stakeOrWin(step), "dice", "round-" + step.reference() % 3);
            }
            case WIN -> new PayWinCommand(WALLET, "t-" + id, id, step.asset(), stakeOrWin(step), "dice",
                    "round-" + step.reference() % 3, step.reference() % 2 == 0 ? pick(bets, step.reference()) : null,
                    step.reference() % 5 == 0, step.reference() % 4 == 0 ? SettlementPolicy.MULTI_WIN : SettlementPolicy.SINGLE_WIN);
            case ROLLBACK -> new RollbackBetCommand(WALLET, "t-" + id, id, pick(bets, step.reference()), SettlementPolicy.SINGLE_WIN);
            case ADJUST -> new AdjustBalanceCommand(WALLET, "t-" + id, id, step.asset(),
                    step.reference() % 2 == 0 ? step.amountMinor() : -step.amountMinor(), "correction");
            case GRANT -> new GrantTokensCommand(WALLET, "t-" + id, id, step.asset(), step.amountMinor(), "campaign", null);
            case REVOKE -> new RevokeTokensCommand(WALLET, "t-" + id, id, step.asset(), step.amountMinor(), "abuse", null);
            case PLAY -> new RecordPlayCommand(WALLET, "t-" + id, id, Game.DICE, null, new AssetAmount(step.asset(), step.amountMinor()),
                    rewardsFor(step), Map.of("result", "any"), id);
            case PURCHASE -> new MakePurchaseCommand(WALLET, "t-" + id, id, "gem", 1, new AssetAmount(step.asset(), step.amountMinor()));
            case FREEZE -> new FreezeWalletCommand(WALLET, "review");
            case UNFREEZE -> new UnfreezeWalletCommand(WALLET, "cleared");
        };
    }

    /** A stake or a win: now and then 0, a free round or a lost round. */
    private static long stakeOrWin(Step step) {
        return step.reference() % 3 == 0 ? 0 : step.amountMinor();
    }

    /** None, one, or two rewards, one of them sometimes in the stake's own asset. */
    private static List<AssetAmount> rewardsFor(Step step) {
        List<AssetAmount> rewards = new ArrayList<>();
        for (int i = 0; i < step.reference() % 3; i++) {
            rewards.add(new AssetAmount(ASSETS.get((step.reference() + i) % ASSETS.size()), 1 + step.reference() * 37L));
        }
        return rewards;
    }

    private static String pick(List<String> ids, int reference) {
        return reference < ids.size() ? ids.get(ids.size() - 1 - reference) : "never-seen-" + reference;
    }

    private static Map<String, Balance> nonZero(Map<String, Balance> balances) {
        Map<String, Balance> result = new HashMap<>(balances);
        result.values().removeIf(Balance.ZERO::equals);
        return result;
    }

    private static Configuration startWallets(List<DomainEventMessage<?>> history) {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        storage.appendEvents(history);
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(PlayerWallet.class)
                .registerComponent(Fates.class, c -> new RecordedFates())
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    private static List<DomainEventMessage<?>> eventsOf(Configuration axon) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        axon.eventStore().readEvents(WALLET.toString()).forEachRemaining(events::add);
        return events;
    }
}
