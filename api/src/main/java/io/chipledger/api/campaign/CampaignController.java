package io.chipledger.api.campaign;

import static io.chipledger.core.admin.AdminRole.MARKETING;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.analytics.report.CampaignConversion;
import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.report.AnalyticsReads;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.campaign.Campaign;
import io.chipledger.core.campaign.CampaignCommands;
import io.chipledger.core.campaign.CampaignMessage;
import io.chipledger.core.campaign.CampaignReward;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.projections.campaign.CampaignProjection;
import io.chipledger.projections.campaign.CampaignProjection.CampaignView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's campaigns (issue 20; roles {@code marketing} and {@code ops} write, {@code support}
 * reads): create in draft, schedule, cancel, list, show with progress, and conversion stats from
 * ClickHouse. The delivery job starts, delivers and finishes (docs/rewards.md). Every change is an
 * event of the campaign whose metadata names the admin key; a change answers the campaign as it
 * stands after it. Errors: 400 {@code invalid-request} naming the field, 404 {@code unknown-partner}
 * or {@code unknown-campaign}, 409 {@code status-conflict} (a step its status does not allow) or
 * {@code campaign-period-over}, 422 {@code campaign-reward-unavailable} (a coupon the partner has not
 * active, or a reward pool it has not open), 503 {@code analytics-off} or {@code analytics-unavailable} for stats.
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}/campaigns")
class CampaignController {

    static final int PAGE_SIZE_DEFAULT = 50;
    static final int WITHIN_DAYS_DEFAULT = 7;
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    private final AdminCommands commands;
    private final CampaignProjection campaigns;
    private final CampaignRewards rewards;
    private final KnownPartners partners;
    private final ConsistentReads consistentReads;
    private final AnalyticsReads analytics;
    private final AssetRegistry assets;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CampaignController(AdminCommands commands, CampaignProjection campaigns, CampaignRewards rewards, KnownPartners partners,
                       ConsistentReads consistentReads, AnalyticsReads analytics, AssetRegistry assets, JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.campaigns = campaigns;
        this.rewards = rewards;
        this.partners = partners;
        this.consistentReads = consistentReads;
        this.analytics = analytics;
        this.assets = assets;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Operation(operationId = "createCampaign", summary = "Create a campaign in draft: a reward for every player of a segment during a "
            + "period, with a message rendered for each")
    @AdminAccess({MARKETING, OPS})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CampaignResponses.Campaign> createCampaign(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                              @RequestBody CampaignRequests.CampaignRequest body, HttpServletRequest http) {
        CampaignCommands.Create draft = checked(body);
        String partner = partners.require(partnerId);
        rewards.requireDeliverable(partner, draft.reward());
        String campaignId = "cmp_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        commands.send(Origin.admin(admin, partner, http), new CampaignCommands.Create(partner, campaignId, draft.name(), draft.segment(),
                draft.startsAt(), draft.endsAt(), draft.reward(), draft.messageTemplate()));
        return ResponseEntity.created(URI.create("/admin/v1/partners/" + partner + "/campaigns/" + campaignId))
                .body(written(partner, campaignId));
    }

    @Operation(operationId = "listCampaigns", summary = "The partner's campaigns by id, a page at a time, with their progress")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping
    CampaignResponses.Campaigns listCampaigns(@PathVariable String partnerId, @RequestParam(required = false) String cursor,
                                              @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, CampaignProjection.PAGE_SIZE_MAX);
        String after = cursor == null || cursor.isEmpty() ? null : known("cursor", cursor);
        String partner = partners.require(partnerId);
        consistentReads.prepare(CampaignProjection.GROUP, null, partner);
        Pages.Page<CampaignView> page = Pages.of(campaigns.campaigns(partner, after, pageSize + 1), pageSize, CampaignView::campaignId);
        return new CampaignResponses.Campaigns(page.rows().stream().map(CampaignResponses.Campaign::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "campaign", summary = "One campaign: its definition, status and progress (segment size at the last pass, "
            + "delivered, skipped)")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/{campaignId}")
    CampaignResponses.Campaign campaign(@PathVariable String partnerId, @PathVariable String campaignId) {
        String id = known("campaignId", campaignId);
        String partner = partners.require(partnerId);
        consistentReads.prepare(CampaignProjection.GROUP, null, Campaign.idOf(partner, id));
        return CampaignResponses.Campaign.of(stored(partner, id));
    }

    @Operation(operationId = "scheduleCampaign", summary = "Schedule a draft campaign: it starts delivering once its period begins")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/{campaignId}/schedule")
    CampaignResponses.Campaign scheduleCampaign(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                @PathVariable String campaignId, HttpServletRequest http) {
        String id = known("campaignId", campaignId);
        String partner = partners.require(partnerId);
        send(admin, partner, id, new CampaignCommands.Schedule(partner, id, clock.instant()), http);
        return written(partner, id);
    }

    @Operation(operationId = "cancelCampaign", summary = "Cancel a campaign that is not over, with a reason: it delivers nothing more")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/{campaignId}/cancel")
    CampaignResponses.Campaign cancelCampaign(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                              @PathVariable String campaignId, @RequestBody CampaignRequests.CampaignCancelRequest body,
                                              HttpServletRequest http) {
        String id = known("campaignId", campaignId);
        String reason = RequestFields.reason(body.reason());
        String partner = partners.require(partnerId);
        send(admin, partner, id, new CampaignCommands.Cancel(partner, id, reason), http);
        return written(partner, id);
    }

    @Operation(operationId = "campaignStats", summary = "A campaign's conversion from ClickHouse: players delivered, players who played "
            + "within within_days (1-90, default 7) days after their delivery, their turnover per asset and, for a coupon issue, players "
            + "who redeemed the coupon in that window")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/{campaignId}/stats")
    CampaignResponses.CampaignStats campaignStats(@PathVariable String partnerId, @PathVariable String campaignId,
                                          @RequestParam(name = "within_days", required = false) Integer withinDays) {
        String id = known("campaignId", campaignId);
        int days = withinDays == null ? WITHIN_DAYS_DEFAULT : withinDays;
        if (days < 1 || days > CampaignConversion.WITHIN_DAYS_MAX) {
            throw new InvalidRequestException("within_days", "within_days must be 1-" + CampaignConversion.WITHIN_DAYS_MAX);
        }
        String partner = partners.require(partnerId);
        analytics.requireOn();
        CampaignView campaign = stored(partner, id);
        CampaignConversion.Figures figures = analytics.read(clickHouse -> CampaignConversion.of(clickHouse, partner, id,
                campaign.reward(), campaign.startsAt(), days));
        return CampaignResponses.CampaignStats.of(id, days, figures, figures.turnover().stream().map(turnover -> new CampaignResponses.CampaignTurnover(
                turnover.asset(), turnover.players(), assets.find(turnover.asset())
                        .map(asset -> AmountFormat.toDecimalString(turnover.stakesMinor(), asset)).orElse(null), turnover.stakes())).toList());
    }

    /**
     * The body as a create command without its partner and id, checked field by field before
     * anything is stored: 400 naming the first field that does not hold.
     */
    private CampaignCommands.Create checked(CampaignRequests.CampaignRequest body) {
        if (body.name() == null || body.name().isBlank() || RequestFields.characters(body.name()) > Campaign.NAME_LENGTH_MAX
                || body.name().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name", "name is required: 1-" + Campaign.NAME_LENGTH_MAX + " characters, no control characters");
        }
        if (body.segment() == null || !SEGMENT.matcher(body.segment()).matches()) {
            throw new InvalidRequestException("segment", "segment must be a segment code matching " + SegmentRuleDefinition.SEGMENT_PATTERN);
        }
        if (body.startsAt() == null || body.endsAt() == null) {
            throw new InvalidRequestException(body.startsAt() == null ? "starts_at" : "ends_at", "a campaign's period needs starts_at and ends_at");
        }
        try {
            Campaign.requirePeriod(body.startsAt(), body.endsAt());
        } catch (IllegalArgumentException refused) {
            throw new InvalidRequestException("ends_at", refused.getMessage());
        }
        CampaignReward reward = rewards.of(body.reward());
        try {
            CampaignMessage.check(body.messageTemplate(), CampaignMessage.known(reward));
        } catch (IllegalArgumentException refused) {
            throw new InvalidRequestException("message_template", refused.getMessage());
        }
        return new CampaignCommands.Create(null, null, body.name(), body.segment(), body.startsAt(), body.endsAt(), reward,
                body.messageTemplate());
    }

    private void send(AdminPrincipal admin, String partner, String campaignId, Object command, HttpServletRequest http) {
        try {
            commands.send(Origin.admin(admin, partner, http), command);
        } catch (AggregateNotFoundException notFound) {
            throw unknown(campaignId);
        }
    }

    /** The campaign once the read model holds the change just stored: its newest event's position, waited for. */
    private CampaignResponses.Campaign written(String partner, String campaignId) {
        String aggregateId = Campaign.idOf(partner, campaignId);
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                aggregateId);
        consistentReads.prepare(CampaignProjection.GROUP, position, aggregateId);
        return CampaignResponses.Campaign.of(stored(partner, campaignId));
    }

    private CampaignView stored(String partner, String campaignId) {
        return campaigns.campaign(partner, campaignId).orElseThrow(() -> unknown(campaignId));
    }

    /** A campaign id from the path or a cursor: 400 when it is not one (nothing is looked up or echoed). */
    private static String known(String field, String campaignId) {
        if (!Campaign.CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidRequestException(field, field + " must be a campaign's id: cmp_ and 16 hex digits");
        }
        return campaignId;
    }

    private static RuleViolation unknown(String campaignId) {
        return new RuleViolation(RuleViolation.Rule.UNKNOWN_CAMPAIGN, "no campaign " + campaignId + " for this partner");
    }
}
