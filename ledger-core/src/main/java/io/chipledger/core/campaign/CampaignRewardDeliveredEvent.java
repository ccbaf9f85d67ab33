package io.chipledger.core.campaign;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.serialization.Revision;

/**
 * A campaign delivered its reward to one player (issue 20). Stored in the same transaction as the
 * reward's own event (a token grant's {@code wallet.RewardReceivedEvent} naming the campaign),
 * under the key {@code campaign:<campaign_id>:<player_id>}, so each player's delivery is stored
 * once. Published on Kafka ({@code campaign.reward.delivered}, keyed by the player) for the
 * services that notify players, with the message rendered for the player.
 *
 * @param delivery the campaign's count of deliveries with this one, from 1
 * @param message  the campaign's template rendered for the player ({@link CampaignMessage})
 */
@JsonTypeName("campaign.CampaignRewardDeliveredEvent")
@Revision("1")
public record CampaignRewardDeliveredEvent(String partnerId, String campaignId, String playerId, CampaignReward reward, String message,
                                           long delivery) {
}
