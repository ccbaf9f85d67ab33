package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_RESERVED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.Postings;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every command handler of a {@link PlayerWallet} decides with: the balances a list of
 * postings would leave, the checks that refuse a command, the receipt, and the fates of closed
 * bets, rounds and withdrawals, from memory or, once the wallet has forgotten some, from
 * {@link Fates}.
 */
abstract class WalletDecisions extends WalletState {

    /** The wallet's balances if the postings were applied; refuses what would take a balance below zero. */
    Map<String, Balance> balancesAfter(List<Posting> postings) {
        Postings.requireBalanced(postings);
        Map<String, Balance> after = new TreeMap<>();
        for (Posting posting : postings) {
            if (!posting.isPlayerAccount()) {
                continue;
            }
            Balance before = after.getOrDefault(posting.asset(), balanceOf(posting.asset()));
            after.put(posting.asset(), posting.account().equals(PLAYER_RESERVED)
                    ? new Balance(before.available(), Math.addExact(before.reserved(), posting.amountMinor()))
                    : new Balance(Math.addExact(before.available(), posting.amountMinor()), before.reserved()));
        }
        after.forEach((asset, balance) -> {
            if (balance.available() < 0) {
                throw insufficientFunds(asset);
            }
            if (balance.total() > BALANCE_MINOR_MAX) {
                throw new RuleViolation(Rule.BALANCE_LIMIT, "the balance of " + asset + " would exceed the wallet's limit");
            }
        });
        return after;
    }

    void requireAvailable(AssetAmount amount) {
        if (balanceOf(amount.asset()).available() < amount.amountMinor()) {
            throw insufficientFunds(amount.asset());
        }
    }

    private RuleViolation insufficientFunds(String asset) {
        long available = balanceOf(asset).available();
        return new RuleViolation(Rule.INSUFFICIENT_FUNDS, "insufficient funds: " + available + " minor units of " + asset + " available",
                Map.of("asset", asset, "available_minor", available));
    }

    void requireNotFrozen() {
        if (status == WalletStatus.FROZEN) {
            throw new RuleViolation(Rule.WALLET_FROZEN, "wallet " + walletId + " is frozen and refuses debits");
        }
    }

    static RuleViolation duplicate(String partnerTransactionId) {
        return new RuleViolation(Rule.DUPLICATE_TRANSACTION, "transaction " + partnerTransactionId + " was already recorded");
    }

    void openIfNew(WalletId id) {
        if (walletId == null) {
            apply(new WalletOpenedEvent(id));
        }
    }

    WalletReceipt receipt(String transactionId, String asset) {
        return new WalletReceipt(walletId, transactionId, asset, Map.copyOf(balances), getVersion());
    }

    /** Whether a closure may be missing from memory: then {@link Fates} answers for what memory does not hold. */
    private boolean mayHaveForgotten() {
        return !Boolean.FALSE.equals(fatesForgotten);
    }

    /** How a bet that is not open was closed; empty if it never was (a bet never seen). */
    Optional<BetClosure> closedBet(String betId, Fates fates) {
        BetClosure remembered = closedBets.get(betId);
        if (remembered != null || !mayHaveForgotten()) {
            return Optional.ofNullable(remembered);
        }
        return fates.closedBet(walletId, betId);
    }

    /** How a round that is not open closed; empty if it never existed. */
    Optional<RoundClose> closedRound(String gameId, String roundId, Fates fates) {
        RoundClose remembered = closedRounds.get(OpenRound.key(gameId, roundId));
        if (remembered != null || !mayHaveForgotten()) {
            return Optional.ofNullable(remembered);
        }
        return fates.closedRound(walletId, gameId, roundId);
    }

    /** A pending withdrawal; one decided before is 409 naming the decision, one never requested 404. */
    PendingWithdrawal pendingWithdrawal(String withdrawalId, Fates fates) {
        PendingWithdrawal pending = pendingWithdrawals.get(withdrawalId);
        if (pending != null) {
            return pending;
        }
        DecidedWithdrawal decided = decidedWithdrawals.get(withdrawalId);
        if (decided == null && mayHaveForgotten()) {
            decided = fates.decidedWithdrawal(walletId, withdrawalId).orElse(null);
        }
        if (decided != null) {
            String decision = decided.decision().name().toLowerCase(Locale.ROOT);
            throw new RuleViolation(Rule.WITHDRAWAL_ALREADY_DECIDED, "withdrawal " + withdrawalId + " was already " + decision
                    + " (transaction " + decided.transactionId() + ")",
                    Map.of("decision", decision, "decided_by_transaction_id", decided.transactionId()));
        }
        throw new RuleViolation(Rule.UNKNOWN_WITHDRAWAL, "no two-phase withdrawal " + withdrawalId + " was requested in this wallet");
    }
}
