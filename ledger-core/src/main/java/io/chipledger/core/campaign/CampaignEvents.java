package io.chipledger.core.campaign;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The events of a {@link Campaign}'s life (issue 20); its deliveries are
 * {@link CampaignRewardDeliveredEvent}. Staff's events name their admin key in the metadata
 * ({@code actor}); the start and the finish are the delivery job's ({@code system:campaigns}).
 */
public final class CampaignEvents {

    private CampaignEvents() {
    }

    /**
     * A campaign was created, in draft.
     *
     * @param segment         the segment whose players it targets, as the segment processor names them ({@code VIP}, {@code NEW})
     * @param startsAt        the period's start: deliveries from then
     * @param endsAt          the period's end, exclusive, at most {@value Campaign#PERIOD_DAYS_MAX} days after the start
     * @param messageTemplate rendered for each player into their delivery ({@link CampaignMessage})
     */
    @JsonTypeName("campaign.CampaignCreatedEvent")
    @Revision("1")
    public record Created(String partnerId, String campaignId, String name, String segment, Instant startsAt, Instant endsAt,
                          CampaignReward reward, String messageTemplate) {
    }

    @JsonTypeName("campaign.CampaignScheduledEvent")
    @Revision("1")
    public record Scheduled(String partnerId, String campaignId) {
    }

    /** The delivery job started the campaign at {@code at}, within its period. */
    @JsonTypeName("campaign.CampaignStartedEvent")
    @Revision("1")
    public record Started(String partnerId, String campaignId, Instant at) {
    }

    /** The period ended: the campaign delivers nothing more; {@code deliveries} is how many it made. */
    @JsonTypeName("campaign.CampaignFinishedEvent")
    @Revision("1")
    public record Finished(String partnerId, String campaignId, Instant at, long deliveries) {
    }

    /** Staff cancelled the campaign from {@code fromStatus}: it delivers nothing more; {@code deliveries} made before. */
    @JsonTypeName("campaign.CampaignCancelledEvent")
    @Revision("1")
    public record Cancelled(String partnerId, String campaignId, CampaignStatus fromStatus, String reason, long deliveries) {
    }
}
