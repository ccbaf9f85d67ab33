package io.chipledger.core.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * What a {@link PlayerWallet} holds, and the event sourcing handlers that change it: each only
 * assigns what its event says (the balances after it, a bet or round opened or closed, a
 * withdrawal pending or decided) and decides nothing. The limits on what is held are here, with
 * the state they bound; the rules that use them are the wallet's command handlers.
 *
 * <p>Open bets, open rounds and pending withdrawals are held for ever (a new one is refused at
 * the limit). Closed ones are remembered only as recent closures; once one was forgotten
 * ({@code fatesForgotten}), what is not in memory is asked of {@link Fates}, which has every
 * closure durably. A closure is remembered at least as long as the transaction that made it may
 * run ({@link #COMMANDS_PER_TRANSACTION_MAX} more closures), so a closure is never forgotten
 * before it is stored.
 *
 * <p>Fields are read by Jackson when a snapshot is taken, hence field visibility; their names are
 * the snapshot's, unchanged since the wallet was one class.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class WalletState {

    /** Bets waiting for a win, rollback or close of their round; one more is refused (abuse only: rounds close). */
    public static final int OPEN_BETS_MAX = 1_000;
    /** Rounds not closed yet; one more is refused (abuse only: the round timeout closes forgotten rounds). */
    public static final int OPEN_ROUNDS_MAX = 1_000;
    public static final int PENDING_WITHDRAWALS_MAX = 100;
    /** The most commands one transaction runs on one wallet (a group or an all-or-nothing batch); the API holds to it. */
    public static final int COMMANDS_PER_TRANSACTION_MAX = 1_000;
    /**
     * Closed bets remembered: every bet open before a transaction plus one per command of it may
     * close in it, and none of those may be forgotten before the transaction stores them.
     */
    public static final int CLOSED_BETS_REMEMBERED = OPEN_BETS_MAX + COMMANDS_PER_TRANSACTION_MAX;
    /** Closed rounds remembered, by the same reasoning as {@link #CLOSED_BETS_REMEMBERED}. */
    public static final int CLOSED_ROUNDS_REMEMBERED = OPEN_ROUNDS_MAX + COMMANDS_PER_TRANSACTION_MAX;
    /** Decided withdrawals remembered, by the same reasoning as {@link #CLOSED_BETS_REMEMBERED}. */
    public static final int DECIDED_WITHDRAWALS_REMEMBERED = PENDING_WITHDRAWALS_MAX + COMMANDS_PER_TRANSACTION_MAX;
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
    /** By {@link OpenRound#key}. */
    final LinkedHashMap<String, OpenRound> openRounds = new LinkedHashMap<>();
    /** By {@link OpenRound#key}. */
    final LinkedHashMap<String, RoundClose> closedRounds = new LinkedHashMap<>();
    final LinkedHashMap<String, DecidedWithdrawal> decidedWithdrawals = new LinkedHashMap<>();
    /** False once the wallet opened and until it forgets a closure; null in snapshots older than issue 11 (unknown: ask). */
    Boolean fatesForgotten;

    @EventSourcingHandler
    void on(WalletOpenedEvent event) {
        walletId = event.walletId();
        status = WalletStatus.ACTIVE;
        fatesForgotten = false;
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
        decide(event.withdrawalPartnerTransactionId(), new DecidedWithdrawal(WithdrawalDecision.APPROVED, event.transactionId()));
    }

    @EventSourcingHandler
    void on(WithdrawalReleasedEvent event) {
        assign(event.balancesAfter());
        decide(event.withdrawalPartnerTransactionId(),
                new DecidedWithdrawal(WithdrawalDecision.of(event.reason()), event.transactionId()));
    }

    @EventSourcingHandler
    void on(BetPlacedEvent event, @Timestamp Instant at) {
        assign(event.balancesAfter());
        openBets.put(event.partnerTransactionId(),
                new OpenBet(event.asset(), event.amountMinor(), event.gameId(), event.roundId()));
        if (event.roundId() != null) {
            String key = OpenRound.key(event.gameId(), event.roundId());
            OpenRound round = openRounds.get(key);
            openRounds.put(key, round == null ? new OpenRound(event.gameId(), event.roundId(), event.asset(), 1, 1, at)
                    : round.withBetPlaced(at));
        }
    }

    @EventSourcingHandler
    void on(WinPaidEvent event, @Timestamp Instant at) {
        assign(event.balancesAfter());
        for (String betId : event.settledBetPartnerTransactionIds()) {
            closeBet(betId, BetClosure.Kind.SETTLED, event.transactionId(), at);
        }
        String key = OpenRound.key(event.gameId(), event.roundId());
        if (event.roundClose() != null) {
            closeRound(key, event.roundClose());
        } else {
            openRounds.computeIfPresent(key, (k, round) -> round.touched(at));
        }
    }

    @EventSourcingHandler
    void on(BetRolledBackEvent event, @Timestamp Instant at) {
        assign(event.balancesAfter());
        closeBet(event.betPartnerTransactionId(), BetClosure.Kind.ROLLED_BACK, event.transactionId(), at);
        if (event.roundClose() != null) {
            closeRound(OpenRound.key(event.gameId(), event.roundId()), event.roundClose());
        }
    }

    @EventSourcingHandler
    void on(UnknownBetRollbackRecordedEvent event, @Timestamp Instant at) {
        closeBet(event.betPartnerTransactionId(), BetClosure.Kind.ROLLED_BACK, event.transactionId(), at);
    }

    @EventSourcingHandler
    void on(RoundTimedOutEvent event, @Timestamp Instant at) {
        for (String betId : event.settledBetPartnerTransactionIds()) {
            closeBet(betId, BetClosure.Kind.SETTLED, event.transactionId(), at);
        }
        closeRound(OpenRound.key(event.gameId(), event.roundId()), RoundClose.TIMED_OUT);
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
    void on(RewardReceivedEvent event) {
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

    /** Closes a bet; an open one leaves its round's count of open bets (and of live bets, when rolled back). */
    private void closeBet(String betId, BetClosure.Kind kind, String closedBy, Instant at) {
        OpenBet bet = openBets.remove(betId);
        String roundKey = bet == null || bet.roundId() == null ? null : OpenRound.key(bet.gameId(), bet.roundId());
        if (roundKey != null) {
            openRounds.computeIfPresent(roundKey,
                    (key, round) -> kind == BetClosure.Kind.ROLLED_BACK ? round.withBetRolledBack(at) : round.withBetSettled(at));
        }
        remember(closedBets, betId, new BetClosure(kind, closedBy, roundKey, bet == null ? null : bet.asset()), CLOSED_BETS_REMEMBERED);
    }

    private void closeRound(String key, RoundClose close) {
        openRounds.remove(key);
        remember(closedRounds, key, close, CLOSED_ROUNDS_REMEMBERED);
    }

    private void decide(String withdrawalId, DecidedWithdrawal decided) {
        pendingWithdrawals.remove(withdrawalId);
        remember(decidedWithdrawals, withdrawalId, decided, DECIDED_WITHDRAWALS_REMEMBERED);
    }

    /** Keeps the newest {@code max} closures; forgetting one means later answers may have to come from {@link Fates}. */
    private <V> void remember(LinkedHashMap<String, V> closures, String key, V closure, int max) {
        closures.put(key, closure);
        Iterator<String> oldest = closures.keySet().iterator();
        while (closures.size() > max) {
            oldest.next();
            oldest.remove();
            fatesForgotten = true;
        }
    }
}
