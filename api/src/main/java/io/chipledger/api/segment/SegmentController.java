package io.chipledger.api.segment;

import static io.chipledger.core.admin.AdminRole.MARKETING;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.segment.SegmentRuleCommands;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import io.chipledger.projections.segment.PlayerSegmentStore.Kept;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Players' segments (issue 17): a player's segment for their partner's backend, and for staff the
 * sizes of a partner's segments, a segment's players (paged), a player's segment changes, and a
 * pass that segments every player of the partner again now. Errors: 400 {@code invalid-request}
 * naming the field, 404 {@code unknown-partner} or {@code unknown-player} (nothing segmented yet).
 */
@RestController
class SegmentController {

    static final int PAGE_SIZE_DEFAULT = 100;
    static final int PAGE_SIZE_MAX = 1_000;
    /** Changes a player's history answers, newest first. */
    static final int CHANGES_MAX = 100;
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    private final PlayerSegmentProjection segments;
    private final KnownPartners partners;
    private final ConsistentReads consistentReads;
    private final AdminCommands commands;

    SegmentController(PlayerSegmentProjection segments, KnownPartners partners, ConsistentReads consistentReads, AdminCommands commands) {
        this.segments = segments;
        this.partners = partners;
        this.consistentReads = consistentReads;
        this.commands = commands;
    }

    @Operation(operationId = "playerSegment", summary = "The player's segment, the rule that decided it and since when")
    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping("/api/v1/players/{playerId}/segment")
    SegmentResponses.PlayerSegment playerSegment(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                                                 @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        return SegmentResponses.PlayerSegment.of(known(partner.partnerId(), playerId, consistentWith));
    }

    @Operation(operationId = "segmentSizes", summary = "How many players each segment of the partner holds, largest first")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/admin/v1/partners/{partnerId}/segments")
    SegmentResponses.Sizes segmentSizes(@PathVariable String partnerId) {
        String partner = partners.require(partnerId);
        consistentReads.prepare(PlayerSegmentProjection.GROUP, null, partner);
        return new SegmentResponses.Sizes(segments.store().sizes(partner).entrySet().stream()
                .map(size -> new SegmentResponses.Size(size.getKey(), size.getValue())).toList());
    }

    @Operation(operationId = "segmentPlayers", summary = "The players of one segment, by player id, a page at a time")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/admin/v1/partners/{partnerId}/segments/{segment}/players")
    SegmentResponses.Members segmentPlayers(@PathVariable String partnerId, @PathVariable String segment,
                                            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        if (!SEGMENT.matcher(segment).matches()) {
            throw new InvalidRequestException("segment", "segment must be a code matching " + SegmentRuleDefinition.SEGMENT_PATTERN);
        }
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
        // Empty is not given, as for every query parameter.
        String after = cursor == null || cursor.isEmpty() ? null : cursor;
        if (after != null) {
            try {
                after = WalletIds.playerId(after);
            } catch (InvalidRequestException notAPlayerId) {
                throw new InvalidRequestException("cursor", "cursor must be the next_cursor of a previous page");
            }
        }
        String partner = partners.require(partnerId);
        consistentReads.prepare(PlayerSegmentProjection.GROUP, null, partner);
        Pages.Page<Kept> page = Pages.of(segments.store().members(partner, segment, after, pageSize + 1), pageSize, Kept::playerId);
        return new SegmentResponses.Members(segment, page.rows().stream().map(SegmentResponses.PlayerSegment::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "playerSegmentChanges", summary = "Every change of the player's segment, newest first (at most 100): when, "
            + "from and to what, the rule that decided, and why")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/admin/v1/partners/{partnerId}/players/{playerId}/segment-changes")
    SegmentResponses.Changes playerSegmentChanges(@PathVariable String partnerId, @PathVariable String playerId) {
        String partner = partners.require(partnerId);
        Kept kept = known(partner, playerId, null);
        return new SegmentResponses.Changes(SegmentResponses.PlayerSegment.of(kept),
                segments.store().changes(partner, kept.playerId(), CHANGES_MAX).stream().map(SegmentResponses.Change::of).toList());
    }

    @Operation(operationId = "evaluateSegments", summary = "Segment every player of the partner again now (the daily pass, on demand); "
            + "answered once the request is recorded, done as the segment processor reaches it")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/admin/v1/partners/{partnerId}/segment-evaluations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SegmentResponses.EvaluationRequested evaluateSegments(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                          HttpServletRequest http) {
        String partner = partners.require(partnerId);
        commands.send(Origin.admin(admin, partner, http), new SegmentRuleCommands.Evaluate(partner, "requested"));
        return new SegmentResponses.EvaluationRequested(partner, "requested");
    }

    private Kept known(String partnerId, String playerId, Long consistentWith) {
        WalletId player = WalletIds.of(partnerId, playerId);
        consistentReads.prepare(PlayerSegmentProjection.GROUP, consistentWith, player.toString());
        return segments.segment(partnerId, player.playerId()).orElseThrow(() -> new UnsegmentedPlayerException(player.playerId()));
    }
}
