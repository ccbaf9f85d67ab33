package io.chipledger.core.wallet;

import java.util.ArrayList;
import java.util.List;

/**
 * The closures a wallet event records for ever (issue 11): a bet settled or rolled back, a
 * round closed, a two-phase withdrawal decided. One function from the event, used by whatever
 * keeps them durably (the API's {@code wallet_fate} table, written in the command's transaction
 * and rebuilt from the events) and by tests; {@link Fates} answers from what it kept.
 *
 * <p>A closure is final: the first one recorded for a subject is its fate.
 */
public final class FateChanges {

    /** What a closure is about; with the wallet and {@code subjectId} it is the closure's key. */
    public enum Subject {
        /** {@code subjectId} is the bet's partner transaction id; the fate is a {@link BetClosure.Kind}. */
        BET,
        /** {@code subjectId} is {@link OpenRound#key}; the fate is a {@link RoundClose}. */
        ROUND,
        /** {@code subjectId} is the withdrawal's partner transaction id; the fate is a {@link WithdrawalDecision}. */
        WITHDRAWAL
    }

    /**
     * One closure: {@code closedBy} is the ledger's transaction id of the event that closed it;
     * {@code roundKey} is a bet's round ({@link OpenRound#key}) and {@code asset} the bet's asset,
     * both null for other subjects and for a rollback of a bet never seen ({@code asset} also for a
     * bet settled by a round's timeout, whose fate no answer reports in an asset).
     */
    public record Change(WalletId walletId, Subject subject, String subjectId, String fate, String closedBy, String roundKey,
                         String asset) {
    }

    private FateChanges() {
    }

    /** The closures {@code event} records, in the order it records them; none for most events. */
    public static List<Change> of(Object event) {
        List<Change> changes = new ArrayList<>();
        if (event instanceof WinPaidEvent win) {
            String round = OpenRound.key(win.gameId(), win.roundId());
            win.settledBetPartnerTransactionIds().forEach(bet ->
                    changes.add(bet(win.walletId(), bet, BetClosure.Kind.SETTLED, win.transactionId(), round, win.asset())));
            if (win.roundClose() != null) {
                changes.add(round(win.walletId(), win.gameId(), win.roundId(), win.roundClose(), win.transactionId()));
            }
        } else if (event instanceof BetRolledBackEvent rollback) {
            changes.add(bet(rollback.walletId(), rollback.betPartnerTransactionId(), BetClosure.Kind.ROLLED_BACK, rollback.transactionId(),
                    rollback.roundId() == null ? null : OpenRound.key(rollback.gameId(), rollback.roundId()), rollback.asset()));
            if (rollback.roundClose() != null) {
                changes.add(round(rollback.walletId(), rollback.gameId(), rollback.roundId(), rollback.roundClose(), rollback.transactionId()));
            }
        } else if (event instanceof UnknownBetRollbackRecordedEvent rollback) {
            changes.add(bet(rollback.walletId(), rollback.betPartnerTransactionId(), BetClosure.Kind.ROLLED_BACK, rollback.transactionId(), null, null));
        } else if (event instanceof RoundTimedOutEvent timedOut) {
            String round = OpenRound.key(timedOut.gameId(), timedOut.roundId());
            timedOut.settledBetPartnerTransactionIds().forEach(bet ->
                    changes.add(bet(timedOut.walletId(), bet, BetClosure.Kind.SETTLED, timedOut.transactionId(), round, null)));
            changes.add(round(timedOut.walletId(), timedOut.gameId(), timedOut.roundId(), RoundClose.TIMED_OUT, timedOut.transactionId()));
        } else if (event instanceof WithdrawalApprovedEvent approved) {
            changes.add(new Change(approved.walletId(), Subject.WITHDRAWAL, approved.withdrawalPartnerTransactionId(),
                    WithdrawalDecision.APPROVED.name(), approved.transactionId(), null, null));
        } else if (event instanceof WithdrawalReleasedEvent released) {
            changes.add(new Change(released.walletId(), Subject.WITHDRAWAL, released.withdrawalPartnerTransactionId(),
                    WithdrawalDecision.of(released.reason()).name(), released.transactionId(), null, null));
        }
        return changes;
    }

    private static Change bet(WalletId wallet, String betId, BetClosure.Kind kind, String closedBy, String roundKey, String asset) {
        return new Change(wallet, Subject.BET, betId, kind.name(), closedBy, roundKey, asset);
    }

    private static Change round(WalletId wallet, String gameId, String roundId, RoundClose close, String closedBy) {
        return new Change(wallet, Subject.ROUND, OpenRound.key(gameId, roundId), close.name(), closedBy, null, null);
    }
}
