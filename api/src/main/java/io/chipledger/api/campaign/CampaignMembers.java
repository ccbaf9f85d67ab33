package io.chipledger.api.campaign;

import io.chipledger.api.job.Job;
import io.chipledger.projections.campaign.CampaignProjection.Due;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delivery job's reads and writes (V28): the players of a campaign's segment still to deliver,
 * by player id, from the segment processor's table ({@code player_segment}, the segment each player
 * is in now); the segment's size at a pass ({@code campaign_pass}); and the players whose delivery
 * their wallet refused ({@code campaign_skip}).
 */
@Component
class CampaignMembers {

    /** A player still to deliver; {@code skippedBefore}: their wallet refused a delivery of this campaign before. */
    record Member(String playerId, boolean skippedBefore) {
    }

    private final JdbcTemplate jdbc;

    CampaignMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The segment's players after {@code after} ("" for the first) and up to {@code upTo} (null: to
     * the last) in player order, at most {@code limit}, less those delivered (the read model may lag
     * a little: the key answers for the few just delivered), those skipped since
     * {@code skippedSince} and those parked.
     */
    List<Member> undelivered(Due campaign, String after, String upTo, int limit, Instant skippedSince, Job job) {
        List<Object> parameters = new ArrayList<>(List.of(campaign.campaignId(), campaign.partnerId(), campaign.segment(), after));
        if (upTo != null) {
            parameters.add(upTo);
        }
        parameters.addAll(List.of(campaign.campaignId(), Timestamp.from(skippedSince), job.jobName(), itemKeyPrefix(campaign), limit));
        return jdbc.query("SELECT s.player_id, k.player_id IS NOT NULL FROM player_segment s LEFT JOIN campaign_skip k "
                        + "ON k.partner_id = s.partner_id AND k.campaign_id = ? AND k.player_id = s.player_id "
                        + "WHERE s.partner_id = ? AND s.segment = ? AND s.player_id > ? " + (upTo == null ? "" : "AND s.player_id <= ? ")
                        + "AND NOT EXISTS (SELECT 1 FROM campaign_delivery d WHERE d.partner_id = s.partner_id AND d.campaign_id = ? "
                        + "AND d.player_id = s.player_id) AND (k.player_id IS NULL OR k.last_skipped_at < ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM parked_job_item p WHERE p.job = ? AND p.item_key = ? || s.player_id "
                        + "AND p.retry_requested_at IS NULL) ORDER BY s.player_id LIMIT ?",
                (row, index) -> new Member(row.getString(1), row.getBoolean(2)), parameters.toArray());
    }

    /** The segment's player at {@code offset} in player order; null when the segment has shrunk below it. */
    String playerAt(Due campaign, long offset) {
        return jdbc.query("SELECT player_id FROM player_segment WHERE partner_id = ? AND segment = ? ORDER BY player_id OFFSET ? LIMIT 1",
                (row, index) -> row.getString(1), campaign.partnerId(), campaign.segment(), offset).stream().findFirst().orElse(null);
    }

    /** A player's item key when parked: {@code <partner_id>:<campaign_id>:<player_id>}. */
    static String itemKey(Due campaign, String playerId) {
        return itemKeyPrefix(campaign) + playerId;
    }

    private static String itemKeyPrefix(Due campaign) {
        return campaign.partnerId() + ":" + campaign.campaignId() + ":";
    }

    /** Records the segment's size as a pass begins, and answers it. */
    long passing(Due campaign, Instant at) {
        return jdbc.queryForObject("INSERT INTO campaign_pass (partner_id, campaign_id, segment_size, passed_at) SELECT ?, ?, count(*), ? "
                        + "FROM player_segment WHERE partner_id = ? AND segment = ? ON CONFLICT (partner_id, campaign_id) DO UPDATE SET "
                        + "segment_size = EXCLUDED.segment_size, passed_at = EXCLUDED.passed_at RETURNING segment_size", Long.class,
                campaign.partnerId(), campaign.campaignId(), Timestamp.from(at), campaign.partnerId(), campaign.segment());
    }

    /** The player's wallet refused the delivery: kept with the refusal, tried again after a while. */
    void skipped(Due campaign, String playerId, String refusal, String detail, Instant at) {
        jdbc.update("INSERT INTO campaign_skip (partner_id, campaign_id, player_id, refusal, detail, attempts, first_skipped_at, "
                        + "last_skipped_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (partner_id, campaign_id, player_id) DO UPDATE SET "
                        + "refusal = EXCLUDED.refusal, detail = EXCLUDED.detail, attempts = campaign_skip.attempts + 1, "
                        + "last_skipped_at = EXCLUDED.last_skipped_at",
                campaign.partnerId(), campaign.campaignId(), playerId, refusal, detail, Timestamp.from(at), Timestamp.from(at));
    }

    /** A player skipped before was delivered after all. */
    void delivered(Due campaign, String playerId) {
        jdbc.update("DELETE FROM campaign_skip WHERE partner_id = ? AND campaign_id = ? AND player_id = ?", campaign.partnerId(),
                campaign.campaignId(), playerId);
    }
}
