package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;
import static io.chipledger.core.ledger.Postings.transfer;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.ledger.SystemAccount;
import io.chipledger.core.partner.SettlementPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;

/**
 * The seamless-wallet game rounds of a {@link PlayerWallet} (DESIGN.md "Game rounds", issue 11):
 * bets, wins, rollbacks and the round timeout, as the providers' specifications have them.
 *
 * <ul>
 * <li>A round is the wallet's (game id, round id). A bet opens it or joins it, in the round's
 * asset; a bet or win of 0 (a free round, a lost round) is an event that moves nothing.</li>
 * <li>A win agrees with the bets it settles: same round, same asset, at least one bet of the round
 * not rolled back, and the bet it names (if any) of this wallet and this round.</li>
 * <li>Under {@link SettlementPolicy#SINGLE_WIN} a bet is settled once and a round closes when all
 * its bets are settled or rolled back; under {@link SettlementPolicy#MULTI_WIN} a round takes
 * wins until one says {@code round_closed}. The round timeout closes any round left open.</li>
 * <li>A rollback names a bet: it refunds an open one, answers the first rollback again, refuses
 * a settled one, and records one never seen so that it is refused if it arrives.</li>
 * </ul>
 * Each refusal names its rule and appends nothing.
 */
abstract class GameRounds extends WalletDecisions {

    @CommandHandler
    public WalletReceipt handle(PlaceBetCommand command, Fates fates) {
        requireNotFrozen();
        String betId = command.partnerTransactionId();
        if (openBets.containsKey(betId)) {
            throw duplicate(betId);
        }
        Optional<BetClosure> closure = closedBet(betId, fates);
        if (closure.isPresent() && closure.get().kind() == BetClosure.Kind.ROLLED_BACK) {
            throw new RuleViolation(Rule.BET_ALREADY_ROLLED_BACK, "bet " + betId + " was rolled back before it arrived and is refused");
        }
        if (closure.isPresent()) {
            throw duplicate(betId);
        }
        OpenRound round = openRounds.get(OpenRound.key(command.gameId(), command.roundId()));
        if (round == null) {
            requireNeverClosed(command.gameId(), command.roundId(), fates);
            if (openRounds.size() >= OPEN_ROUNDS_MAX) {
                throw new RuleViolation(Rule.OPEN_ROUNDS_LIMIT, "the wallet already has " + OPEN_ROUNDS_MAX
                        + " open rounds; a round closes with its win, its rollbacks or the round timeout");
            }
        } else {
            requireRoundAsset(round, command.asset());
        }
        if (openBets.size() >= OPEN_BETS_MAX) {
            throw new RuleViolation(Rule.OPEN_BETS_LIMIT,
                    "the wallet already has " + OPEN_BETS_MAX + " open bets; settle or roll back some first");
        }
        List<Posting> postings = moved(PLAYER_AVAILABLE, SystemAccount.HOUSE.accountName(), command.asset(), command.amountMinor());
        apply(new BetPlacedEvent(walletId, command.transactionId(), betId, command.asset(), command.amountMinor(),
                command.gameId(), command.roundId(), postings, balancesAfter(postings, command.asset())));
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    public WalletReceipt handle(PayWinCommand command, Fates fates) {
        String roundKey = OpenRound.key(command.gameId(), command.roundId());
        String named = command.betPartnerTransactionId();
        if (named != null) {
            requireMayWin(named, command, fates);
        }
        OpenRound round = openRounds.get(roundKey);
        if (round == null) {
            requireNeverClosed(command.gameId(), command.roundId(), fates);
            throw new RuleViolation(Rule.UNKNOWN_ROUND, "no bet was placed in round " + command.roundId() + " of game "
                    + command.gameId() + " in this wallet; a win pays for a round's bets");
        }
        requireRoundAsset(round, command.asset());
        if (round.liveBets() == 0) {
            throw new RuleViolation(Rule.ROUND_HAS_NO_LIVE_BET, "every bet of round " + command.roundId() + " of game "
                    + command.gameId() + " was rolled back; nothing is left to win");
        }
        List<String> roundBets = openBetsOf(roundKey);
        List<String> settled = named == null ? roundBets : openBets.containsKey(named) ? List.of(named) : List.of();
        if (settled.isEmpty() && command.policy() == SettlementPolicy.SINGLE_WIN) {
            // Possible only in a round opened under multi_win: single_win pays no win that settles no bet.
            throw new RuleViolation(Rule.BET_ALREADY_SETTLED, "every bet of round " + command.roundId() + " of game "
                    + command.gameId() + " was already settled; under the single_win policy a bet is settled once");
        }
        RoundClose close = command.roundClosed() ? RoundClose.WIN_MARKED_CLOSED
                : command.policy() == SettlementPolicy.SINGLE_WIN && round.openBets() == settled.size() ? RoundClose.ALL_BETS_SETTLED
                : null;
        if (close != null) {
            // Bets still open in a round that closes have lost: settled with it, so they can never win or be refunded.
            Set<String> all = new LinkedHashSet<>(settled);
            all.addAll(roundBets);
            settled = List.copyOf(all);
        }
        List<Posting> postings = moved(SystemAccount.HOUSE.accountName(), PLAYER_AVAILABLE, command.asset(), command.amountMinor());
        apply(new WinPaidEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.gameId(), command.roundId(), List.copyOf(settled), close, postings,
                balancesAfter(postings, command.asset())));
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    public WalletReceipt handle(RollbackBetCommand command, Fates fates) {
        String betId = command.betPartnerTransactionId();
        OpenBet bet = openBets.get(betId);
        if (bet != null) {
            OpenRound round = bet.roundId() == null ? null : openRounds.get(OpenRound.key(bet.gameId(), bet.roundId()));
            RoundClose close = round != null && command.policy() == SettlementPolicy.SINGLE_WIN && round.openBets() == 1
                    ? RoundClose.ALL_BETS_SETTLED : null;
            List<Posting> postings = moved(SystemAccount.HOUSE.accountName(), PLAYER_AVAILABLE, bet.asset(), bet.amountMinor());
            apply(new BetRolledBackEvent(walletId, command.transactionId(), command.partnerTransactionId(), betId,
                    bet.asset(), bet.amountMinor(), bet.gameId(), bet.roundId(), close, postings, balancesAfter(postings, bet.asset())));
            return receipt(command.transactionId(), bet.asset());
        }
        Optional<BetClosure> closure = closedBet(betId, fates);
        if (closure.isPresent() && closure.get().kind() == BetClosure.Kind.SETTLED) {
            throw new RuleViolation(Rule.BET_ALREADY_SETTLED, "bet " + betId + " was settled (transaction "
                    + closure.get().closingTransactionId() + ") and cannot be rolled back");
        }
        if (closure.isPresent()) {
            // Rolled back before: answer with the first rollback's transaction, refund nothing twice.
            return receipt(closure.get().closingTransactionId(), closure.get().asset());
        }
        Optional<String> otherUse = fates.otherUse(walletId, betId);
        if (otherUse.isPresent()) {
            throw new RuleViolation(Rule.ROLLBACK_TARGET_NOT_A_BET, "transaction " + betId + " is " + otherUse.get()
                    + ", not a bet of this wallet; a rollback names a bet", Map.of("named_transaction", otherUse.get()));
        }
        apply(new UnknownBetRollbackRecordedEvent(walletId, command.transactionId(), command.partnerTransactionId(), betId));
        return receipt(command.transactionId(), null);
    }

    @CommandHandler
    public WalletReceipt handle(TimeOutRoundCommand command, Fates fates) {
        String roundKey = OpenRound.key(command.gameId(), command.roundId());
        OpenRound round = openRounds.get(roundKey);
        if (round == null) {
            requireNeverClosed(command.gameId(), command.roundId(), fates);
            throw new RuleViolation(Rule.UNKNOWN_ROUND, "no round " + command.roundId() + " of game " + command.gameId() + " in this wallet");
        }
        if (command.asOf().isBefore(round.lastActivityAt().plus(command.timeout()))) {
            throw new RuleViolation(Rule.ROUND_NOT_TIMED_OUT, "round " + command.roundId() + " of game " + command.gameId()
                    + " times out at " + round.lastActivityAt().plus(command.timeout()) + ", not before");
        }
        apply(new RoundTimedOutEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.gameId(),
                command.roundId(), openBetsOf(roundKey), round.lastActivityAt()));
        return receipt(command.transactionId(), round.asset());
    }

    /** The bet a win names may win: a bet of this wallet and round, not rolled back, and not settled under single_win. */
    private void requireMayWin(String betId, PayWinCommand command, Fates fates) {
        OpenBet open = openBets.get(betId);
        if (open != null) {
            if (!command.gameId().equals(open.gameId()) || !command.roundId().equals(open.roundId())) {
                throw new RuleViolation(Rule.BET_ROUND_MISMATCH, "bet " + betId + " was placed in round " + open.roundId()
                        + " of game " + open.gameId() + ", not in round " + command.roundId() + " of game " + command.gameId());
            }
            return;
        }
        BetClosure closure = closedBet(betId, fates).orElseThrow(() -> new RuleViolation(Rule.UNKNOWN_BET,
                "no bet " + betId + " was placed in this wallet; a win names a bet the wallet took"));
        if (closure.kind() == BetClosure.Kind.ROLLED_BACK) {
            throw new RuleViolation(Rule.BET_ALREADY_ROLLED_BACK, "bet " + betId + " was rolled back; it cannot win");
        }
        if (command.policy() == SettlementPolicy.SINGLE_WIN) {
            throw new RuleViolation(Rule.BET_ALREADY_SETTLED, "bet " + betId + " was already settled (transaction "
                    + closure.closingTransactionId() + "); under the single_win policy a bet is settled once");
        }
        if (!OpenRound.key(command.gameId(), command.roundId()).equals(closure.roundKey())) {
            throw new RuleViolation(Rule.BET_ROUND_MISMATCH, "bet " + betId + " was settled in another round, not in round "
                    + command.roundId() + " of game " + command.gameId() + "; a win pays for bets of its own round");
        }
    }

    /** Refuses a round that closed; returns if it never existed. */
    private void requireNeverClosed(String gameId, String roundId, Fates fates) {
        Optional<RoundClose> closed = closedRound(gameId, roundId, fates);
        if (closed.isPresent()) {
            throw new RuleViolation(Rule.ROUND_CLOSED, "round " + roundId + " of game " + gameId + " is closed ("
                    + closed.get().name().toLowerCase(Locale.ROOT) + ") and takes no more bets or wins",
                    Map.of("closed_by", closed.get().name().toLowerCase(Locale.ROOT)));
        }
    }

    private static void requireRoundAsset(OpenRound round, String asset) {
        if (!round.asset().equals(asset)) {
            throw new RuleViolation(Rule.ROUND_ASSET_MISMATCH, "round " + round.roundId() + " of game " + round.gameId()
                    + " is played in " + round.asset() + ", not " + asset);
        }
    }

    private List<String> openBetsOf(String roundKey) {
        List<String> bets = new ArrayList<>();
        openBets.forEach((betId, bet) -> {
            if (bet.roundId() != null && OpenRound.key(bet.gameId(), bet.roundId()).equals(roundKey)) {
                bets.add(betId);
            }
        });
        return bets;
    }

    /** The postings of a stake or a win: none for 0 (a free or lost round moves nothing). */
    private static List<Posting> moved(String fromAccount, String toAccount, String asset, long amountMinor) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("a stake or a win is 0 or more, got " + amountMinor);
        }
        return amountMinor == 0 ? List.of() : transfer(fromAccount, toAccount, asset, amountMinor);
    }

    /** The balances after; for an event that moves nothing, the asset's balance as it is, so its history line shows it. */
    private Map<String, Balance> balancesAfter(List<Posting> postings, String asset) {
        return postings.isEmpty() ? Map.of(asset, balanceOf(asset)) : balancesAfter(postings);
    }
}
