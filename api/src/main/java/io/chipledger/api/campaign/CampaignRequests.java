package io.chipledger.api.campaign;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;

/** The bodies of the campaigns API (issue 20). Field names are snake_case on the wire. */
final class CampaignRequests {

    private CampaignRequests() {
    }

    /**
     * A new campaign, created in draft: a name (1-100 characters), the segment it targets (a segment
     * code as the segment rules assign them), its period (ISO 8601 instants, start before end, at
     * most 90 days), its reward and its message template (at most 1,000 characters and 10
     * placeholders: {@code {player_id}}, {@code {campaign_name}}, and for a token grant
     * {@code {amount}} and {@code {asset}}).
     */
    record CampaignRequest(@Schema(requiredMode = REQUIRED, example = "Welcome week", minLength = 1, maxLength = 100) String name,
                           @Schema(requiredMode = REQUIRED, example = "NEW", pattern = "^[A-Z][A-Z0-9_]{0,31}$") String segment,
                           @Schema(requiredMode = REQUIRED, example = "2026-12-01T00:00:00Z") Instant startsAt,
                           @Schema(requiredMode = REQUIRED, example = "2026-12-08T00:00:00Z") Instant endsAt,
                           @Schema(requiredMode = REQUIRED) CampaignRewardRequest reward,
                           @Schema(requiredMode = REQUIRED, maxLength = 1000,
                                   example = "Welcome {player_id}: {amount} {asset} are in your wallet!") String messageTemplate) {
    }

    /**
     * What each player gets: {@code token_grant} with {@code asset} (a TOKEN asset) and {@code amount}
     * (positive, in the asset's scale); {@code coupon_issue} with {@code code}; {@code pool_draw} with
     * {@code pool_id} (a free draw: the pool's stake is not charged). Only the fields of its kind. The
     * coupon must be the partner's, active and unexpired, the pool the partner's and open (422
     * {@code campaign-reward-unavailable}).
     */
    record CampaignRewardRequest(@Schema(requiredMode = REQUIRED, allowableValues = {"token_grant", "coupon_issue", "pool_draw"},
                                 example = "token_grant") String kind,
                         @Schema(example = "ROULETTE_COIN") String asset,
                         @Schema(example = "10") BigDecimal amount,
                         @Schema(example = "WELCOME10", maxLength = 64) String code,
                         @Schema(example = "pool_5f0c2a7d9e8b4c31", maxLength = 64) String poolId) {
    }

    /** Why a campaign is cancelled: 1-500 characters, kept in its history. */
    record CampaignCancelRequest(@Schema(requiredMode = REQUIRED, example = "budget cut", minLength = 1, maxLength = 500) String reason) {
    }
}
