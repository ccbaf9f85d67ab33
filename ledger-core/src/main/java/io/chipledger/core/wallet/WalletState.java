package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * What a {@link PlayerWallet} holds, and the event sourcing handlers that change it: each only
 * assigns what its event says (the balances after it, a bet opened or closed, a withdrawal
 * pending or decided) and decides nothing. The limits on what is held are here, with the state
 * they bound; the rules that use them are the wallet's command handlers.
 *
 * <p>Fields are read by Jackson when a snapshot is taken, hence field visibility; their names are
 * the snapshot's, unchanged since the wallet was one class.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class WalletState {

    /** Bets waiting for a win or rollback; one more is refused rather than growing the wallet without bound. */
    public static final int OPEN_BETS_MAX = 1_000;
    /** Settled and rolled-back bet ids remembered to answer late rollbacks and late bets; the oldest are forgotten. */
    public static final int CLOSED_BETS_REMEMBERED = 1_000;
    public static final int PENDING_WITHDRAWALS_MAX = 100;
    /** Rewards of one play; a game paying more kinds of prize at once is misreporting. */
    public static final int PLAY_REWARDS_MAX = 10;
    /** Far above any real balance; keeps sums of balances and amounts clear of {@code long} overflow. */
    public static final long BALANCE_MINOR_MAX = 4_000_000_000_000_000_000L;

    @AggregateIdentifier
    WalletId walletId;
    WalletStatus status;
    final Map<String, Balance> balances = new TreeMap<>();
    final LinkedHashMap<String, OpenBet> openBets = new LinkedHashMap<>();
    final LinkedHashMap<String, BetClosure> closedBets = new LinkedHashMap<>();
    final LinkedHashMap<String, PendingWithdrawal> pendingWithdrawals = new LinkedHashMap<>();

    @EventSourcingHandler
    void on(WalletOpenedEvent event) {
        walletId = event.walletId();
        status = WalletStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(FundsDepositedEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(FundsWithdrawnEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(WithdrawalRequestedEvent event) {
        assign(event.balancesAfter());
        pendingWithdrawals.put(event.partnerTransactionId(),
                new PendingWithdrawal(event.asset(), event.amountMinor(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(WithdrawalApprovedEvent event) {
        assign(event.balancesAfter());
        pendingWithdrawals.remove(event.withdrawalPartnerTransactionId());
    }

    @EventSourcingHandler
    void on(WithdrawalReleasedEvent event) {
        assign(event.balancesAfter());
        pendingWithdrawals.remove(event.withdrawalPartnerTransactionId());
    }

    @EventSourcingHandler
    void on(BetPlacedEvent event) {
        assign(event.balancesAfter());
        openBets.put(event.partnerTransactionId(),
                new OpenBet(event.asset(), event.amountMinor(), event.gameId(), event.roundId()));
    }

    @EventSourcingHandler
    void on(WinPaidEvent event) {
        assign(event.balancesAfter());
        for (String betId : event.settledBetPartnerTransactionIds()) {
            close(betId, new BetClosure(BetClosure.Kind.SETTLED, event.transactionId()));
        }
    }

    @EventSourcingHandler
    void on(BetRolledBackEvent event) {
        assign(event.balancesAfter());
        close(event.betPartnerTransactionId(), new BetClosure(BetClosure.Kind.ROLLED_BACK, event.transactionId()));
    }

    @EventSourcingHandler
    void on(UnknownBetRollbackRecordedEvent event) {
        close(event.betPartnerTransactionId(), new BetClosure(BetClosure.Kind.ROLLED_BACK, event.transactionId()));
    }

    @EventSourcingHandler
    void on(BalanceAdjustedEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(TokensGrantedEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(TokensRevokedEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(PlayRecordedEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(PurchaseMadeEvent event) {
        assign(event.balancesAfter());
    }

    @EventSourcingHandler
    void on(WalletFrozenEvent event) {
        status = WalletStatus.FROZEN;
    }

    @EventSourcingHandler
    void on(WalletUnfrozenEvent event) {
        status = WalletStatus.ACTIVE;
    }

    Balance balanceOf(String asset) {
        return balances.getOrDefault(asset, Balance.ZERO);
    }

    private void assign(Map<String, Balance> balancesAfter) {
        balancesAfter.forEach((asset, balance) -> {
            if (balance.available() < 0 || balance.reserved() < 0) {
                throw new IllegalStateException("event history of " + walletId + " takes " + asset + " below zero: " + balance);
            }
        });
        balances.putAll(balancesAfter);
    }

    private void close(String betId, BetClosure closure) {
        openBets.remove(betId);
        closedBets.put(betId, closure);
        Iterator<String> oldest = closedBets.keySet().iterator();
        while (closedBets.size() > CLOSED_BETS_REMEMBERED) {
            oldest.next();
            oldest.remove();
        }
    }
}
