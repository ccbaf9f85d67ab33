package io.chipledger.core.campaign;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A running campaign delivers its reward to one player of its segment ({@code at}: now, within the
 * period). The first step of a delivery: the ledger then credits the reward in the same
 * transaction, under the delivery's idempotency key ({@code campaign:<campaign_id>:<player_id>}),
 * which is what makes a player's delivery happen once; the campaign only counts them.
 */
public record DeliverCampaignRewardCommand(String partnerId, String campaignId, String playerId, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Campaign.idOf(partnerId, campaignId);
    }
}
