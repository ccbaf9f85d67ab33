package io.chipledger.api.activity;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.projections.activity.PlayerActivityProjection.PlayerActivity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Operators' staff read a player's activity figures under any partner (support answering a player's question). */
@RestController
class ActivityAdminController {

    private final ActivityController activities;
    private final KnownPartners partners;

    ActivityAdminController(ActivityController activities, KnownPartners partners) {
        this.activities = activities;
        this.partners = partners;
    }

    /**
     * The partner's {@code GET /api/v1/players/{playerId}/activity}, the same query, for staff: the
     * last login, charge, bonus use and activity, plays per game, seconds played and the count of
     * activities. A player with no activity recorded is 404 {@code unknown-player}.
     */
    @GetMapping("/admin/v1/partners/{partnerId}/players/{playerId}/activity")
    @AdminAccess({SUPER, OPS, SUPPORT})
    PlayerActivity playerActivityForStaff(@PathVariable String partnerId, @PathVariable String playerId) {
        return activities.activity(PlayerProfileId.of(WalletIds.of(partners.require(partnerId), playerId)), null);
    }
}
