package io.chipledger.api.settlement;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.DeadLetters;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.TrackingGroups;
import io.chipledger.api.report.AnalyticsReads;
import io.chipledger.api.report.ReportPeriod;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.settlement.IssueSettlementStatementCommand;
import io.chipledger.core.settlement.SettlementLine;
import io.chipledger.core.settlement.SettlementStatement;
import io.chipledger.projections.settlement.SettlementStatementProjection;
import io.chipledger.projections.settlement.SettlementStatementProjection.StatementView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues settlement statements (issue 14): checks the request, reads the figures from ClickHouse
 * once it holds every event of the period, and sends the command, all under a lock on the
 * partner, so two staff issuing at once cannot both cover the same days.
 *
 * <p>Rules: the period has ended at least twice the longest command wait ago (events still committing are
 * counted); no current statement of the partner overlaps it (409
 * {@code settlement-period-overlaps}), except the one a correction replaces, which must be of the
 * same partner and period and not replaced already (409 {@code settlement-superseded}).
 */
@Component
public class Settlements {

    /** What {@link SettlementStatement#idOf} makes: the only texts worth looking up. */
    public static final Pattern STATEMENT_ID = Pattern.compile("st_p_[0-9a-f]{16}_[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{4}-[0-9]{2}-[0-9]{2}(_r[0-9]{1,6})?");

    /** How long after a period's end its events are surely committed: twice the longest a command waits for its group. */
    private final Duration settled;

    private final KnownPartners partners;
    private final SettlementStatementProjection statements;
    private final CommissionRates rates;
    private final SettlementFigures figures;
    private final AdminCommands commands;
    private final ProjectionPositions positions;
    private final DeadLetters deadLetters;
    private final AnalyticsReads reads;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Settlements(KnownPartners partners, SettlementStatementProjection statements, CommissionRates rates, SettlementFigures figures,
                AdminCommands commands, ProjectionPositions positions, DeadLetters deadLetters, AnalyticsReads reads, JdbcTemplate jdbc,
                TransactionTemplate transactions, Clock clock, LedgerProperties properties) {
        this.partners = partners;
        this.statements = statements;
        this.rates = rates;
        this.figures = figures;
        this.commands = commands;
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.reads = reads;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.settled = properties.groupCommit().answerWaitMax().multipliedBy(2);
    }

    StatementView issue(Origin origin, SettlementRequest request) {
        if (request == null) {
            throw new InvalidRequestException("partner_id", "a statement names partner_id, from and to");
        }
        String partnerId = partners.requireField("partner_id", request.partnerId());
        ReportPeriod period = ReportPeriod.of(request.from(), request.to());
        Instant start = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = period.to().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (end.plus(settled).isAfter(clock.instant())) {
            throw new InvalidRequestException("to", "a statement covers an ended period: " + period.to() + " (exclusive) has not passed yet");
        }
        StatementView corrected = request.corrects() == null ? null : correctable(request.corrects(), partnerId, period);
        return transactions.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))", Object.class, "settlement:" + partnerId);
            // Read again under the lock: another correction may have replaced it since.
            String replacedBy = corrected == null ? null : statements.statement(corrected.statementId()).orElseThrow().supersededBy();
            if (replacedBy != null) {
                String current = current(replacedBy);
                throw new SettlementRefusedException("settlement-superseded", "statement " + corrected.statementId()
                        + " was already corrected; the current statement of its period is " + current + ": correct that one",
                        List.of(current));
            }
            List<String> overlapping = statements.overlapping(partnerId, period.from(), period.to()).stream()
                    .filter(id -> corrected == null || !id.equals(corrected.statementId())).toList();
            if (!overlapping.isEmpty()) {
                throw new SettlementRefusedException("settlement-period-overlaps", "partner " + partnerId + " already has a statement "
                        + "covering part of " + period.from() + " to " + period.to() + ": correct it instead", overlapping);
            }
            requireComplete(end);
            List<SettlementLine> lines = figures.of(partnerId, rates.over(partnerId, start, end));
            String statementId = SettlementStatement.idOf(partnerId, period.from(), period.to(),
                    corrected == null ? 0 : SettlementStatement.revisionOf(corrected.statementId()) + 1);
            commands.send(origin, new IssueSettlementStatementCommand(statementId, partnerId, period.from(), period.to(),
                    corrected == null ? null : corrected.statementId(), lines));
            return statements.statement(statementId).orElseThrow();
        });
    }

    /** A statement by id; 400 when the text cannot be a statement id (nothing is looked up), 404 when no statement has it. */
    StatementView statement(String field, String statementId) {
        if (statementId == null || !STATEMENT_ID.matcher(statementId).matches()) {
            throw new InvalidRequestException(field, field + " must be a statement id: st_<partner id>_<from>_<to>, and _r<n> for a correction");
        }
        return statements.statement(statementId).orElseThrow(() -> new UnknownSettlementException(statementId));
    }

    private StatementView correctable(String statementId, String partnerId, ReportPeriod period) {
        StatementView old = statement("corrects", statementId);
        if (!old.partnerId().equals(partnerId) || !old.from().equals(period.from()) || !old.to().equals(period.to())) {
            throw new InvalidRequestException("corrects", "a correction is of the same partner and period as the statement it replaces ("
                    + old.partnerId() + ", " + old.from() + " to " + old.to() + ")");
        }
        return old;
    }

    /** The newest statement of the chain of corrections that starts at {@code statementId}. */
    private String current(String statementId) {
        String current = statementId;
        for (String next = statementId; next != null; next = statements.statement(next).map(StatementView::supersededBy).orElse(null)) {
            current = next;
        }
        return current;
    }

    /** ClickHouse holds every event stored before {@code end}: the sink has read past the newest, and parked none. */
    private void requireComplete(Instant end) {
        reads.requireOn();
        // Time stamps are stored as Axon formats them, so the text compares as the instants do. Read backwards from the
        // newest event: a period that ended lately is found within the last events, not by a scan of the whole store.
        Long newest = jdbc.query("SELECT global_index FROM domain_event_entry WHERE time_stamp < ? ORDER BY global_index DESC LIMIT 1",
                (row, i) -> row.getLong(1), DateTimeUtils.formatInstant(end)).stream().findFirst().orElse(null);
        long read = positions.position(TrackingGroups.ANALYTICS_SINK);
        if (newest != null && read < newest) {
            throw new AnalyticsBehindException("ClickHouse does not hold the whole period yet: the sink has read to position " + read
                    + " of " + newest + "; try again shortly");
        }
        if (deadLetters.parked(TrackingGroups.ANALYTICS_SINK) > 0) {
            throw new AnalyticsBehindException("the ClickHouse sink has parked events (GET /admin/v1/projections): retry them first");
        }
    }
}
