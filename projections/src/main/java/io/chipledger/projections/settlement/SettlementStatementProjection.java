package io.chipledger.projections.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chipledger.core.settlement.SettlementLine;
import io.chipledger.core.settlement.SettlementStatementIssuedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issued settlement statements (table {@code settlement_statement}), written in the issuing
 * command's transaction (a subscribing group): the check that a partner's periods never overlap
 * reads it under the same lock, and a correction marks the statement it replaces as superseded,
 * which fails the command when another correction got there first.
 */
@Component
@ProcessingGroup(SettlementStatementProjection.GROUP)
public class SettlementStatementProjection {

    public static final String GROUP = "settlement-statements";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One statement as stored: its frozen figures and whether a later one replaced it. */
    public record StatementView(String statementId, String partnerId, LocalDate from, LocalDate to, String corrects, String supersededBy,
                                Instant issuedAt, String issuedBy, List<SettlementLine> lines) {
    }

    private final JdbcTemplate jdbc;

    public SettlementStatementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SettlementStatementIssuedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) throws JsonProcessingException {
        jdbc.update("INSERT INTO settlement_statement (statement_id, partner_id, period_from, period_to, corrects, issued_at, issued_by, lines) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.statementId(), event.partnerId(), java.sql.Date.valueOf(event.from()),
                java.sql.Date.valueOf(event.to()), event.corrects(), Timestamp.from(at), actor, JSON.writeValueAsString(event.lines()));
        if (event.corrects() != null && jdbc.update("UPDATE settlement_statement SET superseded_by = ? WHERE statement_id = ? "
                + "AND superseded_by IS NULL", event.statementId(), event.corrects()) != 1) {
            throw new IllegalStateException("statement " + event.corrects() + " is not a current statement to correct");
        }
    }

    public Optional<StatementView> statement(String statementId) {
        return jdbc.query("SELECT statement_id, partner_id, period_from, period_to, corrects, superseded_by, issued_at, issued_by, lines "
                + "FROM settlement_statement WHERE statement_id = ?", SettlementStatementProjection::view, statementId).stream().findFirst();
    }

    /** The partner's current (not superseded) statements whose period overlaps {@code [from, to)}. */
    public List<String> overlapping(String partnerId, LocalDate from, LocalDate to) {
        return jdbc.queryForList("SELECT statement_id FROM settlement_statement WHERE partner_id = ? AND superseded_by IS NULL "
                + "AND period_from < ? AND period_to > ? ORDER BY period_from", String.class, partnerId, java.sql.Date.valueOf(to),
                java.sql.Date.valueOf(from));
    }

    private static StatementView view(ResultSet row, int index) throws SQLException {
        try {
            return new StatementView(row.getString(1), row.getString(2), row.getDate(3).toLocalDate(), row.getDate(4).toLocalDate(),
                    row.getString(5), row.getString(6), row.getTimestamp(7).toInstant(), row.getString(8),
                    JSON.readValue(row.getString(9), new TypeReference<List<SettlementLine>>() { }));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("statement " + row.getString(1) + " has unreadable lines", unreadable);
        }
    }
}
