package io.chipledger.core.campaign;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands of a {@link Campaign} but its deliveries ({@link DeliverCampaignRewardCommand}).
 * Staff create, schedule and cancel (the acting admin key goes into the events' metadata); the
 * delivery job starts and finishes, with {@code at} the time it decided.
 */
public final class CampaignCommands {

    private CampaignCommands() {
    }

    /** A new campaign, in draft; its id is minted by the ledger ({@link Campaign#CAMPAIGN_ID}). */
    public record Create(String partnerId, String campaignId, String name, String segment, Instant startsAt, Instant endsAt,
                         CampaignReward reward, String messageTemplate) {
    }

    /** From draft to scheduled: it starts once its period begins. Refused once the period is over ({@code at}: now). */
    public record Schedule(String partnerId, String campaignId, Instant at) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return Campaign.idOf(partnerId, campaignId);
        }
    }

    /** Ends a campaign that is not over, delivering nothing more; {@code reason} 1-500 characters. */
    public record Cancel(String partnerId, String campaignId, String reason) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return Campaign.idOf(partnerId, campaignId);
        }
    }

    /** A scheduled campaign whose period has begun ({@code at} within it) starts delivering. */
    public record Start(String partnerId, String campaignId, Instant at) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return Campaign.idOf(partnerId, campaignId);
        }
    }

    /** A scheduled or running campaign whose period has ended ({@code at} at or after its end) is finished. */
    public record Finish(String partnerId, String campaignId, Instant at) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return Campaign.idOf(partnerId, campaignId);
        }
    }
}
