package io.chipledger.core.settlement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.partner.Partner;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A partner's settlement statement for one period (issue 14): issued once, with its figures
 * frozen in its one event. Its id is made from the partner, the period and the revision
 * ({@link #idOf}), so the same period cannot be issued twice: the store refuses a second
 * statement of the same id. The figures must add up before they are frozen.
 */
@JsonTypeName("settlement.SettlementStatement")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SettlementStatement {

    /** Currencies one statement may hold, and rate changes inside one period: more is not a statement but an error upstream. */
    public static final int LINES_MAX = 100;
    public static final int COMMISSION_PARTS_MAX = 1_000;

    @AggregateIdentifier
    private String statementId;

    protected SettlementStatement() {
        // Axon rebuilds a statement from its event.
    }

    @CommandHandler
    public SettlementStatement(IssueSettlementStatementCommand command) {
        require(command.from().isBefore(command.to()), "a statement's period runs forward: " + command.from() + " to " + command.to());
        require(command.lines().size() <= LINES_MAX, "a statement holds at most " + LINES_MAX + " currencies");
        require(command.statementId().equals(idOf(command.partnerId(), command.from(), command.to(), revisionOf(command))),
                "statement id " + command.statementId() + " is not the one of its partner, period and revision");
        command.lines().forEach(SettlementStatement::requireAddsUp);
        apply(new SettlementStatementIssuedEvent(command.statementId(), command.partnerId(), command.from(), command.to(),
                command.corrects(), command.lines()));
    }

    @EventSourcingHandler
    void on(SettlementStatementIssuedEvent event) {
        statementId = event.statementId();
    }

    /**
     * The id of a partner's statement of {@code [from, to)}: {@code st_<partner>_<from>_<to>}, and
     * {@code _r<n>} for the n-th correction.
     */
    public static String idOf(String partnerId, java.time.LocalDate from, java.time.LocalDate to, int revision) {
        return "st_" + partnerId + "_" + from + "_" + to + (revision == 0 ? "" : "_r" + revision);
    }

    /** The revision a statement id names: 0 for the first statement of a period. */
    public static int revisionOf(String statementId) {
        int marker = statementId.lastIndexOf("_r");
        return marker < 0 ? 0 : Integer.parseInt(statementId.substring(marker + 2));
    }

    private static int revisionOf(IssueSettlementStatementCommand command) {
        return command.corrects() == null ? 0 : revisionOf(command.corrects()) + 1;
    }

    private static void requireAddsUp(SettlementLine line) {
        require(line.ggrMinor() == Math.subtractExact(line.betsMinor(), line.winsMinor()), line.currency() + ": ggr is not bets - wins");
        require(line.ngrMinor() == Math.subtractExact(line.ggrMinor(), line.bonusesMinor()), line.currency() + ": ngr is not ggr - bonuses");
        require(line.commissionParts().size() <= COMMISSION_PARTS_MAX, line.currency() + ": too many commission parts");
        long ggr = 0;
        long commission = 0;
        for (CommissionPart part : line.commissionParts()) {
            require(part.rateBasisPoints() >= 0 && part.rateBasisPoints() <= Partner.COMMISSION_RATE_BASIS_POINTS_MAX,
                    line.currency() + ": a rate outside 0.." + Partner.COMMISSION_RATE_BASIS_POINTS_MAX + " basis points");
            require(part.commissionMinor() == CommissionPart.commission(part.ggrMinor(), part.rateBasisPoints()),
                    line.currency() + ": a part's commission is not its ggr at its rate");
            ggr = Math.addExact(ggr, part.ggrMinor());
            commission = Math.addExact(commission, part.commissionMinor());
        }
        require(ggr == line.ggrMinor(), line.currency() + ": the parts' ggr is not the line's");
        require(commission == line.commissionMinor(), line.currency() + ": the commission is not the sum of its parts");
    }

    private static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalArgumentException("settlement statement refused: " + otherwise);
        }
    }
}
