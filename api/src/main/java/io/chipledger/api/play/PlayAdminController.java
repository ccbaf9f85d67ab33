package io.chipledger.api.play;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.projections.play.PlayLogProjection;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' staff read the play log across a partner's players (the token-logs page). */
@RestController
@AdminAccess({SUPER, OPS, SUPPORT})
@RequestMapping("/admin/v1/partners/{partnerId}/plays")
class PlayAdminController {

    private final PlayLog playLog;
    private final KnownPartners partners;
    private final RebuildingProjections rebuilding;

    PlayAdminController(PlayLog playLog, KnownPartners partners, RebuildingProjections rebuilding) {
        this.playLog = playLog;
        this.partners = partners;
        this.rebuilding = rebuilding;
    }

    @GetMapping
    PlayLog.PlayPage partnerPlays(@PathVariable String partnerId, @RequestParam(name = "player_id", required = false) String playerId,
                           @RequestParam(required = false) String game, @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to, @RequestParam(required = false) Long cursor,
                           @RequestParam(required = false) Integer limit) {
        partners.require(partnerId);
        rebuilding.requireServing(PlayLogProjection.GROUP);
        String player = playerId == null ? null : WalletIds.of(partnerId, playerId).playerId();
        return playLog.page(partnerId, player, game, from, to, cursor, limit);
    }
}
