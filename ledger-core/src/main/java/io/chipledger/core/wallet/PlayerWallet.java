package io.chipledger.core.wallet;

import static io.chipledger.core.ledger.Posting.PLAYER_AVAILABLE;
import static io.chipledger.core.ledger.Posting.PLAYER_RESERVED;
import static io.chipledger.core.ledger.Postings.transfer;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.Posting;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.ledger.SystemAccount;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

/**
 * A player's wallet within one partner. Its command handlers check the rules and apply one event
 * each: money in and out here, game rounds in {@link GameRounds}; what they decide with is
 * {@link WalletDecisions}; what the wallet holds, and how each event changes it, is
 * {@link WalletState}. Balances after each event are computed once, from the event's postings,
 * so a balance always equals the sum of its postings.
 *
 * <p>A snapshot is this class as Jackson reads it: {@link WalletState}'s fields, hence field visibility.
 * Its revision changes when the state changes its meaning, so an older snapshot is never used.
 */
@JsonTypeName("wallet.PlayerWallet")
// Revision 2 (issue 11) holds open rounds and closures; Axon skips snapshots of another revision
// (RevisionSnapshotFilter), so a wallet snapshotted before is loaded from its events instead.
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlayerWallet extends GameRounds {

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
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    public WalletReceipt handle(WithdrawFundsCommand command) {
        requireNotFrozen();
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.CASHIER.accountName(), command.asset(), command.amountMinor());
        apply(new FundsWithdrawnEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), postings, balancesAfter(postings)));
        return receipt(command.transactionId(), command.asset());
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
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    public WalletReceipt handle(ApproveWithdrawalCommand command, Fates fates) {
        requireNotFrozen();
        PendingWithdrawal pending = pendingWithdrawal(command.withdrawalPartnerTransactionId(), fates);
        List<Posting> postings = transfer(PLAYER_RESERVED, SystemAccount.CASHIER.accountName(), pending.asset(), pending.amountMinor());
        apply(new WithdrawalApprovedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.withdrawalPartnerTransactionId(), pending.asset(), pending.amountMinor(), postings, balancesAfter(postings)));
        return receipt(command.transactionId(), pending.asset());
    }

    @CommandHandler
    public WalletReceipt handle(ReleaseWithdrawalCommand command, Fates fates) {
        return release(command.transactionId(), command.partnerTransactionId(), command.withdrawalPartnerTransactionId(),
                command.reason(), fates);
    }

    @CommandHandler
    public WalletReceipt handle(ExpireWithdrawalCommand command, Fates fates) {
        PendingWithdrawal pending = pendingWithdrawal(command.withdrawalPartnerTransactionId(), fates);
        if (command.asOf().isBefore(pending.expiresAt())) {
            throw new RuleViolation(Rule.WITHDRAWAL_NOT_EXPIRED, "withdrawal " + command.withdrawalPartnerTransactionId()
                    + " expires at " + pending.expiresAt() + ", not before");
        }
        return release(command.transactionId(), command.partnerTransactionId(), command.withdrawalPartnerTransactionId(),
                WithdrawalRelease.EXPIRED, fates);
    }

    private WalletReceipt release(String transactionId, String partnerTransactionId, String withdrawalPartnerTransactionId,
                                  WithdrawalRelease reason, Fates fates) {
        PendingWithdrawal pending = pendingWithdrawal(withdrawalPartnerTransactionId, fates);
        List<Posting> postings = transfer(PLAYER_RESERVED, PLAYER_AVAILABLE, pending.asset(), pending.amountMinor());
        apply(new WithdrawalReleasedEvent(walletId, transactionId, partnerTransactionId, withdrawalPartnerTransactionId,
                pending.asset(), pending.amountMinor(), reason, postings, balancesAfter(postings)));
        return receipt(transactionId, pending.asset());
    }

    @CommandHandler
    public WalletReceipt handle(AdjustBalanceCommand command) {
        String adjustment = SystemAccount.ADJUSTMENT.accountName();
        List<Posting> postings = command.amountMinor() > 0
                ? transfer(adjustment, PLAYER_AVAILABLE, command.asset(), command.amountMinor())
                : transfer(PLAYER_AVAILABLE, adjustment, command.asset(), Math.negateExact(command.amountMinor()));
        apply(new BalanceAdjustedEvent(walletId, command.transactionId(), command.partnerTransactionId(),
                command.asset(), command.amountMinor(), command.reason(), postings, balancesAfter(postings)));
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletReceipt handle(GrantTokensCommand command) {
        openIfNew(command.walletId());
        List<Posting> postings = transfer(SystemAccount.PROMO.accountName(), PLAYER_AVAILABLE, command.asset(), command.amountMinor());
        apply(new TokensGrantedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.reason(), command.label(), postings, balancesAfter(postings)));
        return receipt(command.transactionId(), command.asset());
    }

    @CommandHandler
    public WalletReceipt handle(RevokeTokensCommand command) {
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.PROMO.accountName(), command.asset(), command.amountMinor());
        apply(new TokensRevokedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.asset(),
                command.amountMinor(), command.reason(), command.label(), postings, balancesAfter(postings)));
        return receipt(command.transactionId(), command.asset());
    }

    /** The stake is paid from what the player holds before the reward: a reward never pays its own stake. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletReceipt handle(ReceiveRewardCommand command) {
        openIfNew(command.walletId());
        requireNotFrozen();
        List<Posting> postings = new ArrayList<>();
        AssetAmount stake = command.stake();
        if (stake != null) {
            requireAvailable(stake);
            postings.addAll(transfer(PLAYER_AVAILABLE, SystemAccount.PROMO.accountName(), stake.asset(), stake.amountMinor()));
        }
        AssetAmount reward = command.reward();
        if (reward != null) {
            postings.addAll(transfer(SystemAccount.PROMO.accountName(), PLAYER_AVAILABLE, reward.asset(), reward.amountMinor()));
        }
        apply(new RewardReceivedEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.source(),
                stake, reward, postings, balancesAfter(postings)));
        return receipt(command.transactionId(), reward != null ? reward.asset() : stake.asset());
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
        return receipt(command.transactionId(), stake.asset());
    }

    @CommandHandler
    public WalletReceipt handle(MakePurchaseCommand command) {
        requireNotFrozen();
        AssetAmount price = command.price();
        List<Posting> postings = transfer(PLAYER_AVAILABLE, SystemAccount.SHOP.accountName(), price.asset(), price.amountMinor());
        apply(new PurchaseMadeEvent(walletId, command.transactionId(), command.partnerTransactionId(), command.sku(),
                command.quantity(), price, postings, balancesAfter(postings)));
        return receipt(command.transactionId(), price.asset());
    }

    @CommandHandler
    public WalletReceipt handle(FreezeWalletCommand command) {
        if (status != WalletStatus.FROZEN) {
            apply(new WalletFrozenEvent(walletId, command.reason()));
        }
        return receipt(null, null);
    }

    @CommandHandler
    public WalletReceipt handle(UnfreezeWalletCommand command) {
        if (status == WalletStatus.FROZEN) {
            apply(new WalletUnfrozenEvent(walletId, command.reason()));
        }
        return receipt(null, null);
    }
}
