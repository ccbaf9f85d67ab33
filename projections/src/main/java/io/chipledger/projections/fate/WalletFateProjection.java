package io.chipledger.projections.fate;

import io.chipledger.core.wallet.BetClosure;
import io.chipledger.core.wallet.DecidedWithdrawal;
import io.chipledger.core.wallet.FateChanges;
import io.chipledger.core.wallet.FateChanges.Change;
import io.chipledger.core.wallet.FateChanges.Subject;
import io.chipledger.core.wallet.OpenRound;
import io.chipledger.core.wallet.RoundClose;
import io.chipledger.core.wallet.WalletEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WithdrawalDecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code wallet_fate} table (issue 11): every closure of a bet, round or two-phase withdrawal,
 * for ever, keyed by wallet, subject and id ({@link FateChanges}). The processing group is
 * subscribing: the closures of a group of commands are written in one JDBC batch in that group's
 * own transaction, so a committed closure is always here. It is what a wallet asks once it has
 * forgotten a closure ({@link io.chipledger.core.wallet.Fates}); it is rebuilt from the events by
 * the API's {@code FateRebuild}, through {@link #write}.
 *
 * <p>A closure is final: the first recorded for a subject stays ({@code ON CONFLICT DO NOTHING}).
 */
@Component
@ProcessingGroup(WalletFateProjection.GROUP)
public class WalletFateProjection {

    public static final String GROUP = "wallet-fates";
    private static final String STAGED = WalletFateProjection.class.getName() + ":staged";
    private static final String INSERT = "INSERT INTO wallet_fate (wallet_id, subject, subject_id, fate, closed_by, round_key, asset) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT fate, closed_by, round_key, asset FROM wallet_fate WHERE wallet_id = ? AND subject = ? AND subject_id = ?";

    private final JdbcTemplate jdbc;

    public WalletFateProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stages the event's closures; the processor's unit of work writes them all as it commits. */
    @EventHandler
    void on(WalletEvent event) {
        List<Change> changes = FateChanges.of(event);
        if (changes.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(STAGED, key -> {
            List<Change> staged = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> write(staged));
            return staged;
        }).addAll(changes);
    }

    /** Writes closures in one JDBC batch, in the caller's transaction. */
    public void write(Collection<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, changes.stream().map(change -> new Object[] {change.walletId().toString(), change.subject().name(),
                change.subjectId(), change.fate(), change.closedBy(), change.roundKey(), change.asset()}).toList());
    }

    public Optional<BetClosure> closedBet(WalletId wallet, String betId) {
        return closure(wallet, Subject.BET, betId).map(row -> new BetClosure(BetClosure.Kind.valueOf(row.fate()), row.closedBy(), row.roundKey(),
                row.asset()));
    }

    public Optional<RoundClose> closedRound(WalletId wallet, String gameId, String roundId) {
        return closure(wallet, Subject.ROUND, OpenRound.key(gameId, roundId)).map(row -> RoundClose.valueOf(row.fate()));
    }

    public Optional<DecidedWithdrawal> decidedWithdrawal(WalletId wallet, String withdrawalId) {
        return closure(wallet, Subject.WITHDRAWAL, withdrawalId)
                .map(row -> new DecidedWithdrawal(WithdrawalDecision.valueOf(row.fate()), row.closedBy()));
    }

    private record Row(String fate, String closedBy, String roundKey, String asset) {
    }

    private Optional<Row> closure(WalletId wallet, Subject subject, String id) {
        return jdbc.query(SELECT, (row, i) -> new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), wallet.toString(),
                        subject.name(), id)
                .stream().findFirst();
    }
}
