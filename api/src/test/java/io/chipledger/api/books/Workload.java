package io.chipledger.api.books;

import io.chipledger.api.books.Steps.Bet;
import io.chipledger.api.books.Steps.BulkTokenGrant;
import io.chipledger.api.books.Steps.Adjustment;
import io.chipledger.api.books.Steps.Deposit;
import io.chipledger.api.books.Steps.Play;
import io.chipledger.api.books.Steps.Purchase;
import io.chipledger.api.books.Steps.Reward;
import io.chipledger.api.books.Steps.Rollback;
import io.chipledger.api.books.Steps.Step;
import io.chipledger.api.books.Steps.TokenGrant;
import io.chipledger.api.books.Steps.TokenRevocation;
import io.chipledger.api.books.Steps.Win;
import io.chipledger.api.books.Steps.Withdrawal;
import io.chipledger.api.books.Steps.WithdrawalDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A random workload for a few new partners: a setup that opens the old wallets (money and
 * tokens to spend), then a burst of every money command, sent concurrently by {@code clientThreads}
 * backends, over the old wallets and new ones that the burst itself opens (or that stay unknown).
 * Amounts are drawn so that most debits are covered; the refused ones must simply change nothing.
 *
 * <p>A command that names an earlier one (a win its bet, a rollback its bet, a decision its
 * withdrawal) names one planned earlier for the same partner and goes to that one's wallet, or,
 * now and then, names one that never exists. Sent concurrently, the earlier one may still arrive
 * later, or be refused: the ledger must keep its books either way.
 */
record Workload(int partnerCount, int playersPerPartner, int clientThreads, List<Step> setup, List<Step> burst) {

    static final List<String> FIATS = List.of("USD", "EUR", "KRW");
    static final List<String> TOKENS = List.of("ROULETTE_COIN", "DICE_TOKEN", "LOTTERY_TICKET", "CC_COIN");
    /** The game a token is staked in. */
    static final List<String> GAMES = List.of("ROULETTE", "DICE", "LOTTERY", "SLOT");
    /** What a play may reward besides its own stake token. */
    static final List<String> REWARDS = List.of("CC_COIN", "LOTTERY_TICKET", "USD", "ROULETTE_COIN");
    /** Per partner, the first half of the players have wallets before the burst. */
    static final int OLD_PLAYERS_SHARE = 2;
    static final int ROUNDS_PER_WALLET = 4;
    /** How rarely a win, rollback or decision names a bet or withdrawal that was never placed. */
    static final int NEVER_PLACED_ONE_IN = 8;

    enum Command { DEPOSIT, WITHDRAWAL, TWO_PHASE_WITHDRAWAL, APPROVAL, RELEASE, BET, WIN, ROLLBACK, ADJUSTMENT, TOKEN_GRANT,
        TOKEN_REVOCATION, BULK_TOKEN_GRANT, PLAY, PURCHASE }

    /** The raw random choices of one burst command, before {@link #plan} turns them into a step. */
    record Draw(Command command, int partner, int player, int asset, int size, int reference, int detail) {
    }

    static Arbitrary<Workload> workloads(int commandsMin, int commandsMax) {
        Arbitrary<Command> commands = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Command.DEPOSIT)), Tuple.of(6, Arbitraries.just(Command.WITHDRAWAL)),
                Tuple.of(6, Arbitraries.just(Command.TWO_PHASE_WITHDRAWAL)), Tuple.of(4, Arbitraries.just(Command.APPROVAL)),
                Tuple.of(3, Arbitraries.just(Command.RELEASE)), Tuple.of(14, Arbitraries.just(Command.BET)),
                Tuple.of(10, Arbitraries.just(Command.WIN)), Tuple.of(4, Arbitraries.just(Command.ROLLBACK)),
                Tuple.of(3, Arbitraries.just(Command.ADJUSTMENT)), Tuple.of(6, Arbitraries.just(Command.TOKEN_GRANT)),
                Tuple.of(3, Arbitraries.just(Command.TOKEN_REVOCATION)), Tuple.of(1, Arbitraries.just(Command.BULK_TOKEN_GRANT)),
                Tuple.of(10, Arbitraries.just(Command.PLAY)), Tuple.of(5, Arbitraries.just(Command.PURCHASE)));
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Draw> draws = Combinators.combine(commands, any, any, any, Arbitraries.integers().between(1, 10_000), any, any)
                .as(Draw::new);
        return Combinators.combine(
                Arbitraries.integers().between(2, 3),
                Arbitraries.integers().between(6, 15),
                Arbitraries.integers().between(8, 16),
                draws.list().ofMinSize(commandsMin).ofMaxSize(commandsMax))
                .as(Workload::plan);
    }

    /** Turns the draws into steps, keyed by their place in the burst. */
    static Workload plan(int partnerCount, int playersPerPartner, int clientThreads, List<Draw> draws) {
        Planner planner = new Planner(partnerCount, playersPerPartner);
        List<Step> burst = new ArrayList<>();
        for (int index = 0; index < draws.size(); index++) {
            burst.add(planner.step(draws.get(index), "s" + index));
        }
        return new Workload(partnerCount, playersPerPartner, clientThreads, setup(partnerCount, playersPerPartner), burst);
    }

    /** The old wallets: money in every currency and every token, enough for most of the burst's debits. */
    static List<Step> setup(int partnerCount, int playersPerPartner) {
        List<Step> setup = new ArrayList<>();
        for (int partner = 0; partner < partnerCount; partner++) {
            for (int player = 0; player < oldPlayers(playersPerPartner); player++) {
                String name = player(player);
                for (String fiat : FIATS) {
                    setup.add(new Deposit(partner, name, "open-" + name + "-" + fiat, fiat, 100_000));
                }
                for (String token : TOKENS) {
                    setup.add(new TokenGrant(partner, name, "open-" + name + "-" + token, token, 200));
                }
            }
        }
        return setup;
    }

    static int oldPlayers(int playersPerPartner) {
        return Math.max(1, playersPerPartner / OLD_PLAYERS_SHARE);
    }

    static String player(int index) {
        return "player-" + index;
    }

    /** A try's report names the workload's shape, not its hundreds of steps. */
    @Override
    public String toString() {
        Map<String, Integer> commands = new TreeMap<>();
        burst.forEach(step -> commands.merge(step.getClass().getSimpleName(), 1, Integer::sum));
        return "Workload[%d partners, %d players each (%d with a wallet before the burst), %d backends, %d setup commands, burst %s]"
                .formatted(partnerCount, playersPerPartner, oldPlayers(playersPerPartner), clientThreads, setup.size(), commands);
    }

    /**
     * Remembers the bets and two-phase withdrawals planned so far, per partner, so that a later
     * step can name one: the later step then goes to that one's wallet.
     */
    private static final class Planner {

        private final int partnerCount;
        private final int playersPerPartner;
        private final Map<Integer, List<Bet>> bets = new HashMap<>();
        private final Map<Integer, List<Withdrawal>> withdrawals = new HashMap<>();

        Planner(int partnerCount, int playersPerPartner) {
            this.partnerCount = partnerCount;
            this.playersPerPartner = playersPerPartner;
        }

        Step step(Draw draw, String key) {
            int partner = draw.partner() % partnerCount;
            String player = player(draw.player() % playersPerPartner);
            String fiat = FIATS.get(draw.asset() % FIATS.size());
            String token = TOKENS.get(draw.asset() % TOKENS.size());
            int size = draw.size();
            return switch (draw.command()) {
                case DEPOSIT -> new Deposit(partner, player, key, fiat, 5_000 + size * 10L);
                case WITHDRAWAL -> new Withdrawal(partner, player, key, fiat, size, false);
                case TWO_PHASE_WITHDRAWAL -> remember(withdrawals, partner, new Withdrawal(partner, player, key, fiat, size, true));
                case APPROVAL, RELEASE -> decision(draw, partner, player, key);
                case BET -> remember(bets, partner,
                        new Bet(partner, player, key, fiat, size / 2 + 1, "round-" + draw.detail() % ROUNDS_PER_WALLET));
                case WIN -> win(draw, partner, player, key, fiat);
                case ROLLBACK -> rollback(draw, partner, player, key);
                case ADJUSTMENT -> new Adjustment(partner, player, key, draw.detail() % 2 == 0 ? fiat : token,
                        (draw.detail() % 3 == 0 ? -1 : 1) * (size / 5 + 1L));
                case TOKEN_GRANT -> new TokenGrant(partner, player, key, token, 1 + size % 200);
                case TOKEN_REVOCATION -> new TokenRevocation(partner, player, key, token, 1 + size % 40);
                case BULK_TOKEN_GRANT -> new BulkTokenGrant(partner, bulkPlayers(draw), key, token, 1 + size % 50);
                case PLAY -> play(draw, partner, player, key, token);
                case PURCHASE -> new Purchase(partner, player, key, 1 + draw.detail() % 5, draw.detail() % 4 == 0 ? "USD" : token,
                        1 + size % 50);
            };
        }

        private static <T extends Step> T remember(Map<Integer, List<T>> planned, int partner, T step) {
            planned.computeIfAbsent(partner, any -> new ArrayList<>()).add(step);
            return step;
        }

        /** An earlier step of the partner, or (when there is none, and one time in {@link #NEVER_PLACED_ONE_IN}) null. */
        private static <T extends Step> T pick(Map<Integer, List<T>> planned, int partner, int reference) {
            List<T> candidates = planned.getOrDefault(partner, List.of());
            return candidates.isEmpty() || reference % NEVER_PLACED_ONE_IN == 0 ? null : candidates.get(reference % candidates.size());
        }

        /** Decides an earlier two-phase withdrawal, in its wallet, or one never requested. */
        private Step decision(Draw draw, int partner, String player, String key) {
            String decision = draw.command() == Command.APPROVAL ? "approve" : draw.detail() % 2 == 0 ? "reject" : "cancel";
            Withdrawal withdrawal = pick(withdrawals, partner, draw.reference());
            return withdrawal == null
                    ? new WithdrawalDecision(partner, player, key, "never-" + key, decision)
                    : new WithdrawalDecision(partner, withdrawal.player(), key, withdrawal.key(), decision);
        }

        /** Names an earlier bet and pays in its currency, or settles that bet's round, or names a bet never placed. */
        private Step win(Draw draw, int partner, String player, String key, String fiat) {
            Bet bet = pick(bets, partner, draw.reference());
            if (bet == null) {
                return new Win(partner, player, key, fiat, draw.size(), "round-0", "never-" + key);
            }
            boolean byRound = draw.detail() % 3 == 0;
            return new Win(partner, bet.player(), key, bet.asset(), draw.size(), bet.round(), byRound ? null : bet.key());
        }

        /** Rolls back an earlier bet, in its wallet, or one never placed. */
        private Step rollback(Draw draw, int partner, String player, String key) {
            Bet bet = pick(bets, partner, draw.reference());
            return bet == null ? new Rollback(partner, player, key, "never-" + key) : new Rollback(partner, bet.player(), key, bet.key());
        }

        private List<String> bulkPlayers(Draw draw) {
            Set<String> players = new LinkedHashSet<>();
            int count = 2 + draw.detail() % 3;
            for (int offset = 0; offset < count; offset++) {
                players.add(player((draw.player() + offset * 7) % playersPerPartner));
            }
            return List.copyOf(players);
        }

        /** Up to three rewards; one may be the stake's own token, so the house's side of that token can net out to zero. */
        private static Play play(Draw draw, int partner, String player, String key, String token) {
            int detail = draw.detail();
            List<Reward> rewards = new ArrayList<>();
            for (int number = 0; number < detail % 4; number++) {
                String asset = (detail / 4 + number) % 5 == 4 ? token : REWARDS.get((detail / 4 + number) % 5);
                rewards.add(new Reward(asset, 1 + (draw.size() * (number + 7L)) % 100));
            }
            long stake = 1 + draw.size() % 10;
            if (detail % 11 == 0) {
                rewards.add(new Reward(token, stake));
            }
            return new Play(partner, player, key, GAMES.get(TOKENS.indexOf(token)), token, stake, rewards);
        }
    }
}
