package io.chipledger.projections.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.chipledger.core.campaign.CampaignEvents;
import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.campaign.CampaignRewardDeliveredEvent;
import io.chipledger.core.campaign.CampaignStatus;
import io.chipledger.projections.BatchedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Partners' campaigns (issue 20), a tracking processor ({@value #GROUP}): each campaign as it stands
 * ({@code campaign}, V28) and each delivery ({@code campaign_delivery}, keyed by its event, one per
 * player and campaign), so counts are counted rows and a replay writes the same rows again. A
 * campaign's life changes are written at once, in order; deliveries, the many, in the batch. The
 * delivery job's own rows ({@code campaign_pass}, {@code campaign_skip}) are read here too, for the
 * progress staff see, but a rebuild leaves them.
 */
@Component
@ProcessingGroup(CampaignProjection.GROUP)
public class CampaignProjection {

    public static final String GROUP = "campaigns";
    public static final int PAGE_SIZE_MAX = 100;
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String INSERT_DELIVERY = "INSERT INTO campaign_delivery (event_id, partner_id, campaign_id, player_id, "
            + "delivered_at, message) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    private static final String SELECT = "SELECT c.partner_id, c.campaign_id, c.name, c.segment, c.starts_at, c.ends_at, c.reward::text, "
            + "c.message_template, c.status, c.cancel_reason, c.created_at, c.created_by, c.changed_at, c.changed_by, "
            + "(SELECT count(*) FROM campaign_delivery d WHERE d.partner_id = c.partner_id AND d.campaign_id = c.campaign_id), "
            + "(SELECT count(*) FROM campaign_skip s WHERE s.partner_id = c.partner_id AND s.campaign_id = c.campaign_id), "
            + "p.segment_size, p.passed_at FROM campaign c LEFT JOIN campaign_pass p "
            + "ON p.partner_id = c.partner_id AND p.campaign_id = c.campaign_id";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public CampaignProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    /**
     * A campaign as staff see it.
     *
     * @param delivered   players delivered so far
     * @param skipped     players whose delivery their wallet refused (a frozen wallet), tried again later while it runs
     * @param segmentSize players in the segment at the delivery job's last pass; null before the first
     */
    public record CampaignView(String partnerId, String campaignId, String name, String segment, Instant startsAt, Instant endsAt,
                               CampaignReward reward, String messageTemplate, CampaignStatus status, String cancelReason, Instant createdAt,
                               String createdBy, Instant changedAt, String changedBy, long delivered, long skipped, Long segmentSize,
                               Instant lastPassAt) {
    }

    /** A campaign the delivery job has to act on. */
    public record Due(String partnerId, String campaignId, String segment, CampaignReward reward, Instant startsAt, Instant endsAt) {
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    @EventHandler
    void on(CampaignEvents.Created event, @Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor)
            throws JsonProcessingException {
        writes.update("INSERT INTO campaign (partner_id, campaign_id, name, segment, starts_at, ends_at, reward, message_template, status, "
                        + "created_at, created_by, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (partner_id, campaign_id) DO NOTHING",
                event.partnerId(), event.campaignId(), event.name(), event.segment(), ts(event.startsAt()), ts(event.endsAt()),
                JSON.writeValueAsString(event.reward()), event.messageTemplate(), CampaignStatus.DRAFT.name(), ts(at), actor, ts(at), actor);
    }

    @EventHandler
    void on(CampaignEvents.Scheduled event, @Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor) {
        status(event.partnerId(), event.campaignId(), CampaignStatus.SCHEDULED, null, at, actor);
    }

    @EventHandler
    void on(CampaignEvents.Started event, @Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor) {
        status(event.partnerId(), event.campaignId(), CampaignStatus.RUNNING, null, at, actor);
    }

    @EventHandler
    void on(CampaignEvents.Finished event, @Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor) {
        status(event.partnerId(), event.campaignId(), CampaignStatus.FINISHED, null, at, actor);
    }

    @EventHandler
    void on(CampaignEvents.Cancelled event, @Timestamp Instant at, @MetaDataValue(value = "actor", required = false) String actor) {
        status(event.partnerId(), event.campaignId(), CampaignStatus.CANCELLED, event.reason(), at, actor);
    }

    @EventHandler
    void on(CampaignRewardDeliveredEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        writes.rows(INSERT_DELIVERY).put(eventId, new Object[] {eventId, event.partnerId(), event.campaignId(), event.playerId(), ts(at),
                event.message()});
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE campaign, campaign_delivery");
    }

    private void status(String partnerId, String campaignId, CampaignStatus status, String cancelReason, Instant at, String actor) {
        writes.update("UPDATE campaign SET status = ?, cancel_reason = ?, changed_at = ?, changed_by = ? WHERE partner_id = ? AND campaign_id = ?",
                status.name(), cancelReason, ts(at), actor, partnerId, campaignId);
    }

    public Optional<CampaignView> campaign(String partnerId, String campaignId) {
        return jdbc.query(SELECT + " WHERE c.partner_id = ? AND c.campaign_id = ?", CampaignProjection::view, partnerId, campaignId)
                .stream().findFirst();
    }

    /** A page of the partner's campaigns by id, after {@code after} (exclusive; null: from the first), at most {@code limit}. */
    public List<CampaignView> campaigns(String partnerId, String after, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX + 1) {
            throw new IllegalArgumentException("limit must be 1.." + (PAGE_SIZE_MAX + 1));
        }
        return jdbc.query(SELECT + " WHERE c.partner_id = ? AND c.campaign_id > ? ORDER BY c.campaign_id LIMIT ?", CampaignProjection::view,
                partnerId, after == null ? "" : after, limit);
    }

    /** Scheduled campaigns whose period has begun and not ended at {@code now}, oldest start first. */
    public List<Due> dueToStart(Instant now, int limit) {
        return due("status = 'SCHEDULED' AND starts_at <= ? AND ends_at > ? ORDER BY starts_at", limit, ts(now), ts(now));
    }

    /** Scheduled or running campaigns whose period has ended at {@code now}. */
    public List<Due> dueToFinish(Instant now, int limit) {
        return due("status IN ('SCHEDULED', 'RUNNING') AND ends_at <= ? ORDER BY ends_at", limit, ts(now));
    }

    /** Running campaigns within their period at {@code now}, the one that started first first. */
    public List<Due> running(Instant now, int limit) {
        return due("status = 'RUNNING' AND ends_at > ? ORDER BY starts_at, partner_id, campaign_id", limit, ts(now));
    }

    private List<Due> due(String condition, int limit, Object... parameters) {
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = limit;
        return jdbc.query("SELECT partner_id, campaign_id, segment, reward::text, starts_at, ends_at FROM campaign WHERE " + condition
                + " LIMIT ?", (row, index) -> new Due(row.getString(1), row.getString(2), row.getString(3), reward(row.getString(4)),
                row.getTimestamp(5).toInstant(), row.getTimestamp(6).toInstant()), all);
    }

    private static CampaignView view(ResultSet row, int index) throws SQLException {
        long size = row.getLong(17);
        Long segmentSize = row.wasNull() ? null : size;
        return new CampaignView(row.getString(1), row.getString(2), row.getString(3), row.getString(4), instant(row, 5), instant(row, 6),
                reward(row.getString(7)), row.getString(8), CampaignStatus.valueOf(row.getString(9)), row.getString(10), instant(row, 11),
                row.getString(12), instant(row, 13), row.getString(14), row.getLong(15), row.getLong(16), segmentSize,
                instant(row, 18));
    }

    private static CampaignReward reward(String json) {
        try {
            return JSON.readValue(json, CampaignReward.class);
        } catch (JsonProcessingException stored) {
            throw new IllegalStateException("a stored campaign reward is not one: " + json, stored);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        java.sql.Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
