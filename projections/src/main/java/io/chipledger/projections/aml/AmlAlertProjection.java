package io.chipledger.projections.aml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.aml.AmlAlertEvents;
import io.chipledger.core.aml.AmlAlertStatus;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.projections.QueryTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The alerts and their investigation (tables {@code aml_alert} and {@code aml_alert_step}, V19),
 * written in each alert command's transaction (a subscribing group): an investigator who changed an
 * alert reads the change at once. Each step is kept with the actor from the event's metadata.
 */
@Component
@ProcessingGroup(AmlAlertProjection.GROUP)
public class AmlAlertProjection {

    public static final String GROUP = "aml-alerts";
    /** The most alerts one page lists. */
    public static final int PAGE_SIZE_MAX = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };
    private static final String SELECT = "SELECT alert_id, partner_id, player_id, type, severity, score, factors, transaction_id, status, "
            + "assignee, report_reference, raised_at, raised_by, updated_at FROM aml_alert";

    /** One alert as investigators see it. */
    public record AlertView(String alertId, String partnerId, String playerId, String type, AmlSeverity severity, int score,
                            List<String> factors, String transactionId, AmlAlertStatus status, String assignee, String reportReference,
                            Instant raisedAt, String raisedBy, Instant updatedAt) {
    }

    /** One step of an alert's workflow: {@code step} is the event's kind (raised, assigned, ...), {@code detail} its text. */
    public record StepView(long sequence, Instant at, String actor, String step, String detail) {
    }

    /**
     * What a listing asks for; every field may be null (no filter).
     *
     * @param raisedFrom inclusive; {@code raisedTo} exclusive
     * @param after      the alert id of the previous page's last row
     */
    public record AlertFilter(String partnerId, String playerId, AmlAlertStatus status, AmlSeverity severity, Instant raisedFrom,
                              Instant raisedTo, String after) {
    }

    private final JdbcTemplate jdbc;

    public AmlAlertProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AmlAlertEvents.Raised event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) throws JsonProcessingException {
        jdbc.update("INSERT INTO aml_alert (alert_id, partner_id, player_id, type, severity, severity_rank, score, factors, transaction_id, "
                        + "status, raised_at, raised_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)",
                event.alertId(), event.partnerId(), event.playerId(), event.type(), event.severity().name(), event.severity().ordinal(),
                event.score(), JSON.writeValueAsString(event.factors()), event.transactionId(), AmlAlertStatus.NEW.name(),
                Timestamp.from(at), actor, Timestamp.from(at));
        step(event.alertId(), sequence, at, actor, "raised", event.type() + ", " + event.severity() + ", score " + event.score());
    }

    @EventHandler
    void on(AmlAlertEvents.Assigned event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        change(event.alertId(), at, "assignee", event.assignee());
        step(event.alertId(), sequence, at, actor, "assigned", event.assignee());
    }

    @EventHandler
    void on(AmlAlertEvents.InvestigationStarted event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor) {
        change(event.alertId(), at, "status", AmlAlertStatus.INVESTIGATING.name());
        step(event.alertId(), sequence, at, actor, "investigation_started", null);
    }

    @EventHandler
    void on(AmlAlertEvents.Closed event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        change(event.alertId(), at, "status", AmlAlertStatus.CLOSED.name());
        step(event.alertId(), sequence, at, actor, "closed", event.reason());
    }

    @EventHandler
    void on(AmlAlertEvents.Reported event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("UPDATE aml_alert SET status = ?, report_reference = ?, updated_at = ? WHERE alert_id = ?",
                AmlAlertStatus.REPORTED.name(), event.reportReference(), Timestamp.from(at), event.alertId());
        step(event.alertId(), sequence, at, actor, "reported", event.reportReference());
    }

    @EventHandler
    void on(AmlAlertEvents.NoteAdded event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("UPDATE aml_alert SET updated_at = ? WHERE alert_id = ?", Timestamp.from(at), event.alertId());
        step(event.alertId(), sequence, at, actor, "note", event.note());
    }

    public Optional<AlertView> alert(String alertId) {
        return jdbc.query(SELECT + " WHERE alert_id = ?", AmlAlertProjection::view, alertId).stream().findFirst();
    }

    public List<StepView> steps(String alertId) {
        return jdbc.query("SELECT sequence, at, actor, step, detail FROM aml_alert_step WHERE alert_id = ? ORDER BY sequence",
                (row, index) -> new StepView(row.getLong(1), row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4),
                        row.getString(5)), alertId);
    }

    /** The alerts {@code filter} selects, newest first, at most {@code limit}; an {@code after} that names no alert starts nowhere. */
    public List<AlertView> alerts(AlertFilter filter, int limit) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> parameters = new ArrayList<>();
        condition(where, parameters, " AND partner_id = ?", filter.partnerId());
        condition(where, parameters, " AND player_id = ?", filter.playerId());
        condition(where, parameters, " AND status = ?", filter.status() == null ? null : filter.status().name());
        condition(where, parameters, " AND severity = ?", filter.severity() == null ? null : filter.severity().name());
        condition(where, parameters, " AND raised_at >= ?", QueryTimes.bound(filter.raisedFrom()));
        condition(where, parameters, " AND raised_at < ?", QueryTimes.bound(filter.raisedTo()));
        condition(where, parameters, " AND (raised_at, alert_id) < (SELECT raised_at, alert_id FROM aml_alert WHERE alert_id = ?)",
                filter.after());
        parameters.add(Math.min(limit, PAGE_SIZE_MAX + 1));
        return jdbc.query(SELECT + where + " ORDER BY raised_at DESC, alert_id DESC LIMIT ?", AmlAlertProjection::view,
                parameters.toArray());
    }

    private static void condition(StringBuilder where, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            parameters.add(value);
        }
    }

    private void change(String alertId, Instant at, String column, String value) {
        // column is one of this class's own names, never a caller's.
        jdbc.update("UPDATE aml_alert SET " + column + " = ?, updated_at = ? WHERE alert_id = ?", value, Timestamp.from(at), alertId);
    }

    private void step(String alertId, long sequence, Instant at, String actor, String step, String detail) {
        jdbc.update("INSERT INTO aml_alert_step (alert_id, sequence, at, actor, step, detail) VALUES (?, ?, ?, ?, ?, ?)",
                alertId, sequence, Timestamp.from(at), actor, step, detail);
    }

    private static AlertView view(ResultSet row, int index) throws SQLException {
        try {
            return new AlertView(row.getString(1), row.getString(2), row.getString(3), row.getString(4), AmlSeverity.valueOf(row.getString(5)),
                    row.getInt(6), JSON.readValue(row.getString(7), NAMES), row.getString(8), AmlAlertStatus.valueOf(row.getString(9)),
                    row.getString(10), row.getString(11), row.getTimestamp(12).toInstant(), row.getString(13),
                    row.getTimestamp(14).toInstant());
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("alert " + row.getString(1) + " has unreadable factors", unreadable);
        }
    }
}
