package io.chipledger.projections.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.core.segment.SegmentRuleEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A partner's segment rules as they stand (table {@code segment_rule}, V20), written in each rule
 * command's transaction (a subscribing group), so that the admin who changed a rule reads it at
 * once. Who created and who last changed a rule come from the events' metadata ({@code actor});
 * the events themselves are the audit trail.
 */
@Component
@ProcessingGroup(SegmentRuleProjection.GROUP)
public class SegmentRuleProjection {

    public static final String GROUP = "segment-rules";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT partner_id, rule_id, name, segment, priority, enabled, condition::text, created_at, "
            + "created_by, updated_at, updated_by FROM segment_rule";

    /** One rule as the API shows it; {@code condition} in canonical form. */
    public record RuleView(String partnerId, String ruleId, String name, String segment, int priority, boolean enabled, JsonNode condition,
                           Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    }

    private final JdbcTemplate jdbc;

    public SegmentRuleProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SegmentRuleEvents.Created event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) throws JsonProcessingException {
        jdbc.update("INSERT INTO segment_rule (partner_id, rule_id, name, segment, priority, enabled, condition, created_at, created_by, "
                        + "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                event.partnerId(), event.ruleId(), event.name(), event.segment(), event.priority(), event.enabled(),
                JSON.writeValueAsString(event.condition()), Timestamp.from(at), actor, Timestamp.from(at), actor);
    }

    @EventHandler
    void on(SegmentRuleEvents.Updated event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) throws JsonProcessingException {
        jdbc.update("UPDATE segment_rule SET name = ?, segment = ?, priority = ?, enabled = ?, condition = ?::jsonb, updated_at = ?, "
                        + "updated_by = ? WHERE partner_id = ? AND rule_id = ?",
                event.name(), event.segment(), event.priority(), event.enabled(), JSON.writeValueAsString(event.condition()),
                Timestamp.from(at), actor, event.partnerId(), event.ruleId());
    }

    @EventHandler
    void on(SegmentRuleEvents.Enabled event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        enable(event.partnerId(), event.ruleId(), true, at, actor);
    }

    @EventHandler
    void on(SegmentRuleEvents.Disabled event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        enable(event.partnerId(), event.ruleId(), false, at, actor);
    }

    @EventHandler
    void on(SegmentRuleEvents.Deleted event) {
        jdbc.update("DELETE FROM segment_rule WHERE partner_id = ? AND rule_id = ?", event.partnerId(), event.ruleId());
    }

    /** The partner's rules in evaluation order: priority, then rule id. At most {@code SegmentRuleBook.RULES_MAX}. */
    public List<RuleView> rules(String partnerId) {
        return jdbc.query(SELECT + " WHERE partner_id = ? ORDER BY priority, rule_id", this::view, partnerId);
    }

    public Optional<RuleView> rule(String partnerId, String ruleId) {
        return jdbc.query(SELECT + " WHERE partner_id = ? AND rule_id = ?", this::view, partnerId, ruleId).stream().findFirst();
    }

    private void enable(String partnerId, String ruleId, boolean enabled, Instant at, String actor) {
        jdbc.update("UPDATE segment_rule SET enabled = ?, updated_at = ?, updated_by = ? WHERE partner_id = ? AND rule_id = ?", enabled,
                Timestamp.from(at), actor, partnerId, ruleId);
    }

    private RuleView view(ResultSet row, int index) throws SQLException {
        try {
            return new RuleView(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5), row.getBoolean(6),
                    JSON.readTree(row.getString(7)), row.getTimestamp(8).toInstant(), row.getString(9), row.getTimestamp(10).toInstant(),
                    row.getString(11));
        } catch (JsonProcessingException stored) {
            throw new IllegalStateException("a stored segment condition is not JSON: " + row.getString(2), stored);
        }
    }
}
