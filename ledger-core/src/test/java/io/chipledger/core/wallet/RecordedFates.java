package io.chipledger.core.wallet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Fates} for tests: the closures of the events it was given ({@link FateChanges}, the first
 * per subject), and the other uses of partner transaction ids a test declares. What the API's
 * {@code wallet_fate} table holds, without a database.
 */
final class RecordedFates implements Fates {

    private final Map<String, FateChanges.Change> closures = new HashMap<>();
    private final Map<String, String> otherUses = new HashMap<>();
    private int questions;

    RecordedFates record(Object... events) {
        for (Object event : events) {
            FateChanges.of(event).forEach(change ->
                    closures.putIfAbsent(key(change.walletId(), change.subject(), change.subjectId()), change));
        }
        return this;
    }

    RecordedFates used(String partnerTransactionId, String as) {
        otherUses.put(partnerTransactionId, as);
        return this;
    }

    /** How many questions the wallet asked: none while it has forgotten nothing. */
    int questions() {
        return questions;
    }

    @Override
    public Optional<BetClosure> closedBet(WalletId wallet, String betId) {
        return closure(wallet, FateChanges.Subject.BET, betId)
                .map(change -> new BetClosure(BetClosure.Kind.valueOf(change.fate()), change.closedBy(), change.roundKey(), change.asset()));
    }

    @Override
    public Optional<RoundClose> closedRound(WalletId wallet, String gameId, String roundId) {
        return closure(wallet, FateChanges.Subject.ROUND, OpenRound.key(gameId, roundId)).map(change -> RoundClose.valueOf(change.fate()));
    }

    @Override
    public Optional<DecidedWithdrawal> decidedWithdrawal(WalletId wallet, String withdrawalId) {
        return closure(wallet, FateChanges.Subject.WITHDRAWAL, withdrawalId)
                .map(change -> new DecidedWithdrawal(WithdrawalDecision.valueOf(change.fate()), change.closedBy()));
    }

    @Override
    public Optional<String> otherUse(WalletId wallet, String partnerTransactionId) {
        questions++;
        return Optional.ofNullable(otherUses.get(partnerTransactionId));
    }

    private Optional<FateChanges.Change> closure(WalletId wallet, FateChanges.Subject subject, String id) {
        questions++;
        return Optional.ofNullable(closures.get(key(wallet, subject, id)));
    }

    private static String key(WalletId wallet, FateChanges.Subject subject, String id) {
        return wallet + "\n" + subject + "\n" + id;
    }
}
