package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;
import static io.chipledger.core.ledger.Posting.PLAYER_RESERVED;
import static io.chipledger.core.ledger.Postings.transfer;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.Postings;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.ledger.SystemAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A player's wallet within one partner, the deciding half: its command handlers check the rules
 * and apply one event each; what the wallet holds, and how each event changes it, is
 * {@link WalletState}. Balances after each event are computed once, here, from the event's
 * postings, so a balance always equals the sum of its postings.
 *
 * <p>A snapshot is this class as Jackson reads it: {@link WalletState}'s fields, hence field visibility.
 */
@JsonTypeName("wallet.PlayerWallet")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlayerWallet extends WalletState {

    protected PlayerWallet() {
        // Axon creates the wallet empty and replays its events, or a deposit opens it.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletReceipt handle(DepositFundsCommand command) {
        openIfNew(command.walletId());
        List<Posting> postings = transfer(SystemAccount.CASHIER.accountName(), PLAYER_AVAILABLE, command.asset(), command.amountMinor());
        apply(new FundsDepositedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(WithdrawFundsCommand command) {
        requireNotFrozen();
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.CASHIER.accountName(), command.asset(), command.amountMinor());
        apply(new FundsWithdrawnEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(RequestWithdrawalCommand command) {
        requireNotFrozen();
        if (pendingWithdrawals.size() >= PENDING_WITHDRAWALS_MAX) {
            throw new RuleViolation(Rule.PENDING_WITHDRAWALS_LIMIT,
                    "the wallet already has " + PENDING_WITHDRAWALS_MAX + " pending withdrawals");
        }
        if (pendingWithdrawals.containsKey(command.partnerTransactionId())) {
            throw duplicate(command.partnerTransactionId());
        }
        List<Posting> postings = transfer(PLAYER_AVAILABLE, PLAYER_RESERVED, command.asset(), command.amountMinor());
        apply(new WithdrawalRequestedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), command.expiresAt(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(ApproveWithdrawalCommand command) {
        requireNotFrozen();
        PendingWithdrawal pending = pendingWithdrawal(command.withdrawalPartnerTransactionId());
        List<Posting> postings = transfer(PLAYER_RESERVED, SystemAccount.CASHIER.accountName(), pending.asset(), pending.amountMinor());
        apply(new WithdrawalApprovedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.withdrawalPartnerTransactionId(), pending.asset(), pending.amountMinor(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(ReleaseWithdrawalCommand command) {
        return release(command.transactionId(), command.partnerTransactionId(), command.withdrawalPartnerTransactionId(),
                command.reason());
    }

    @CommandHandler
    public WalletReceipt handle(ExpireWithdrawalCommand command) {
        PendingWithdrawal pending = pendingWithdrawal(command.withdrawalPartnerTransactionId());
        if (command.asOf().isBefore(pending.expiresAt())) {
            throw new RuleViolation(Rule.WITHDRAWAL_NOT_EXPIRED, "withdrawal " + command.withdrawalPartnerTransactionId()
                    + " expires at " + pending.expiresAt() + ", not before");
        }
        return release(command.transactionId(), command.partnerTransactionId(), command.withdrawalPartnerTransactionId(),
                WithdrawalRelease.EXPIRED);
    }

    private WalletReceipt release(String transactionId, String partnerTransactionId, String withdrawalPartnerTransactionId,
                                  WithdrawalRelease reason) {
        PendingWithdrawal pending = pendingWithdrawal(withdrawalPartnerTransactionId);
        List<Posting> postings = transfer(PLAYER_RESERVED, PLAYER_AVAILABLE, pending.asset(), pending.amountMinor());
        apply(new WithdrawalReleasedEvent(walletId, transactionId, partnerTransactionId, withdrawalPartnerTransactionId,
                pending.asset(), pending.amountMinor(), reason, postings, balancesAfter(postings)));
        return receipt(transactionId);
    }

    @CommandHandler
    public WalletReceipt handle(PlaceBetCommand command) {
        requireNotFrozen();
        String betId = command.partnerTransactionId();
        BetClosure closure = closedBets.get(betId);
        if (closure != null && closure.kind() == BetClosure.Kind.ROLLED_BACK) {
            throw new RuleViolation(Rule.BET_ALREADY_ROLLED_BACK,
                    "bet " + betId + " was rolled back before it arrived and is refused");
        }
        if (closure != null || openBets.containsKey(betId)) {
            throw duplicate(betId);
        }
        if (openBets.size() >= OPEN_BETS_MAX) {
            throw new RuleViolation(Rule.OPEN_BETS_LIMIT,
                    "the wallet already has " + OPEN_BETS_MAX + " open bets; settle or roll back some first");
        }
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.HOUSE.accountName(), command.asset(), command.amountMinor());
        apply(new BetPlacedEvent(walletId, command.transactionId(), betId, command.asset(), command.amountMinor(),
                command.gameId(), command.roundId(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(PayWinCommand command) {
        List<String> settled = betsSettledBy(command);
        List<Posting> postings = transfer(SystemAccount.HOUSE.accountName(), PLAYER_AVAILABLE, command.asset(), command.amountMinor());
        apply(new WinPaidEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.gameId(), command.roundId(), settled, postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(RollbackBetCommand command) {
        String betId = command.betPartnerTransactionId();
        OpenBet bet = openBets.get(betId);
        if (bet != null) {
            List<Posting> postings = transfer(SystemAccount.HOUSE.accountName(), PLAYER_AVAILABLE, bet.asset(), bet.amountMinor());
            apply(new BetRolledBackEvent(walletId, command.transactionId(), command.partnerTransactionId(), betId,
                    bet.asset(), bet.amountMinor(), bet.gameId(), bet.roundId(), postings, balancesAfter(postings)));
            return receipt(command.transactionId());
        }
        BetClosure closure = closedBets.get(betId);
        if (closure == null) {
            apply(new UnknownBetRollbackRecordedEvent(walletId, command.transactionId(), command.partnerTransactionId(), betId));
            return receipt(command.transactionId());
        }
        if (closure.kind() == BetClosure.Kind.SETTLED) {
            throw new RuleViolation(Rule.BET_ALREADY_SETTLED, "bet " + betId + " was settled by a win and cannot be rolled back");
        }
        // Rolled back before: answer with the first rollback's transaction, refund nothing twice.
        return receipt(closure.closingTransactionId());
    }

    @CommandHandler
    public WalletReceipt handle(AdjustBalanceCommand command) {
        String adjustment = SystemAccount.ADJUSTMENT.accountName();
        List<Posting> postings = command.amountMinor() > 0
                ? transfer(adjustment, PLAYER_AVAILABLE, command.asset(), command.amountMinor())
                : transfer(PLAYER_AVAILABLE, adjustment, command.asset(), Math.negateExact(command.amountMinor()));
        apply(new BalanceAdjustedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), command.reason(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletReceipt handle(GrantTokensCommand command) {
        openIfNew(command.walletId());
        List<Posting> postings = transfer(SystemAccount.PROMO.accountName(), PLAYER_AVAILABLE, command.asset(), command.amountMinor());
        apply(new TokensGrantedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.reason(), command.label(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(RevokeTokensCommand command) {
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.PROMO.accountName(), command.asset(), command.amountMinor());
        apply(new TokensRevokedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.reason(), command.label(), postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    /** The stake must be paid from what the player holds before the round: a reward never pays its own stake. */
    @CommandHandler
    public WalletReceipt handle(RecordPlayCommand command) {
        requireNotFrozen();
        if (command.rewards().size() > PLAY_REWARDS_MAX) {
            throw new IllegalArgumentException("a play has at most " + PLAY_REWARDS_MAX + " rewards");
        }
        AssetAmount stake = command.stake();
        requireAvailable(stake);
        List<Posting> postings = new ArrayList<>(transfer(PLAYER_AVAILABLE, SystemAccount.HOUSE.accountName(), stake.asset(), stake.amountMinor()));
        for (AssetAmount reward : command.rewards()) {
            postings.addAll(transfer(SystemAccount.HOUSE.accountName(), PLAYER_AVAILABLE, reward.asset(), reward.amountMinor()));
        }
        apply(new PlayRecordedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.game(),
                command.configId(), stake, List.copyOf(command.rewards()), command.outcome(), command.activityEventId(),
                postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(MakePurchaseCommand command) {
        requireNotFrozen();
        AssetAmount price = command.price();
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.SHOP.accountName(), price.asset(), price.amountMinor());
        apply(new PurchaseMadeEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.sku(),
                command.quantity(), price, postings, balancesAfter(postings)));
        return receipt(command.transactionId());
    }

    @CommandHandler
    public WalletReceipt handle(FreezeWalletCommand command) {
        if (status != WalletStatus.FROZEN) {
            apply(new WalletFrozenEvent(walletId, command.reason()));
        }
        return receipt(null);
    }

    @CommandHandler
    public WalletReceipt handle(UnfreezeWalletCommand command) {
        if (status == WalletStatus.FROZEN) {
            apply(new WalletUnfrozenEvent(walletId, command.reason()));
        }
        return receipt(null);
    }

    /** The wallet's balances if the postings were applied; refuses what would take a balance below zero. */
    private Map<String, Balance> balancesAfter(List<Posting> postings) {
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

    private void requireAvailable(AssetAmount amount) {
        if (balanceOf(amount.asset()).available() < amount.amountMinor()) {
            throw insufficientFunds(amount.asset());
        }
    }

    private RuleViolation insufficientFunds(String asset) {
        long available = balanceOf(asset).available();
        return new RuleViolation(Rule.INSUFFICIENT_FUNDS, "insufficient funds: " + available + " minor units of " + asset + " available",
                Map.of("asset", asset, "available_minor", available));
    }

    private List<String> betsSettledBy(PayWinCommand command) {
        String named = command.betPartnerTransactionId();
        if (named != null) {
            BetClosure closure = closedBets.get(named);
            if (closure != null && closure.kind() == BetClosure.Kind.ROLLED_BACK) {
                throw new RuleViolation(Rule.BET_ALREADY_ROLLED_BACK, "bet " + named + " was rolled back; it cannot win");
            }
            // A bet settled before may win again (free spins, bonus rounds); one the wallet never saw is the partner's word.
            return openBets.containsKey(named) ? List.of(named) : List.of();
        }
        List<String> settled = new ArrayList<>();
        openBets.forEach((betId, bet) -> {
            if (bet.roundId() != null && bet.roundId().equals(command.roundId()) && bet.gameId().equals(command.gameId())) {
                settled.add(betId);
            }
        });
        return settled;
    }

    private PendingWithdrawal pendingWithdrawal(String withdrawalPartnerTransactionId) {
        PendingWithdrawal pending = pendingWithdrawals.get(withdrawalPartnerTransactionId);
        if (pending == null) {
            throw new RuleViolation(Rule.UNKNOWN_WITHDRAWAL,
                    "no pending withdrawal " + withdrawalPartnerTransactionId + " in this wallet");
        }
        return pending;
    }

    private void requireNotFrozen() {
        if (status == WalletStatus.FROZEN) {
            throw new RuleViolation(Rule.WALLET_FROZEN, "wallet " + walletId + " is frozen and refuses debits");
        }
    }

    private static RuleViolation duplicate(String partnerTransactionId) {
        return new RuleViolation(Rule.DUPLICATE_TRANSACTION, "transaction " + partnerTransactionId + " was already recorded");
    }

    private void openIfNew(WalletId id) {
        if (walletId == null) {
            apply(new WalletOpenedEvent(id));
        }
    }

    private WalletReceipt receipt(String transactionId) {
        return new WalletReceipt(walletId, transactionId, Map.copyOf(balances), getVersion());
    }
}
