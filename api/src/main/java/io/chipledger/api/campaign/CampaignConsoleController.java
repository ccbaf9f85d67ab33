package io.chipledger.api.campaign;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's campaign pages for marketing staff (issue 21; docs/console.md, "Marketing";
 * docs/rewards.md): a partner's campaigns with their progress, paged and as CSV; one campaign with
 * its conversion stats from ClickHouse; schedule a draft, cancel one with a reason. Each handler
 * calls {@link CampaignController}'s handler for the same thing, so the checks, the commands, the
 * actor ({@code admin-key:<id>}) and refusals (409 {@code status-conflict}, 503 for stats without
 * ClickHouse, shown where the stats go) are the API's.
 */
@ConsoleController
class CampaignConsoleController {

    static final int PAGE_SIZE = 25;
    /** Campaigns in one CSV: pages of the API's largest page, up to this many. */
    static final int EXPORT_MAX = 10_000;

    private final CampaignController campaigns;

    CampaignConsoleController(CampaignController campaigns) {
        this.campaigns = campaigns;
    }

    /** The partner's campaigns by id, {@value #PAGE_SIZE} a page; the cursor is the API's {@code next_cursor}. */
    @GetMapping("/console/campaigns")
    @ConsoleMenu(section = Section.MARKETING, title = "Campaigns", order = 3)
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/campaigns")
    String list(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, @RequestParam(defaultValue = "") String cursor,
                Model model) {
        model.addAttribute("partnerId", partnerId.strip());
        model.addAttribute("first", cursor.isEmpty());
        if (!partnerId.isBlank()) {
            CampaignResponses.Campaigns page = campaigns.listCampaigns(partnerId.strip(), cursor, PAGE_SIZE);
            model.addAttribute("campaigns", page);
            model.addAttribute("rewards", page.campaigns().stream().collect(Collectors.toMap(CampaignResponses.Campaign::campaignId,
                    campaign -> reward(campaign.reward()))));
        }
        return "console/campaigns";
    }

    @GetMapping("/console/campaigns.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/campaigns")
    ResponseEntity<CsvTable> export(@RequestParam(name = "partner_id") String partnerId) {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            CampaignResponses.Campaigns page = campaigns.listCampaigns(partnerId.strip(), cursor, null);
            for (CampaignResponses.Campaign campaign : page.campaigns()) {
                rows.add(List.of(campaign.campaignId(), campaign.name(), campaign.segment(), campaign.status(), campaign.startsAt().toString(),
                        campaign.endsAt().toString(), reward(campaign.reward()), Objects.toString(campaign.progress().segmentSize(), ""),
                        Long.toString(campaign.progress().delivered()), Long.toString(campaign.progress().skipped()),
                        Objects.toString(campaign.cancelReason(), ""), campaign.createdBy(), Objects.toString(campaign.changedBy(), "")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download("campaigns", List.of("campaign_id", "name", "segment", "status", "starts_at", "ends_at", "reward",
                "segment_size", "delivered", "skipped", "cancel_reason", "created_by", "changed_by"), rows);
    }

    /** One campaign: definition, status and progress; its stats load into the page from {@link #stats}. */
    @GetMapping("/console/campaigns/{partnerId}/{campaignId}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/campaigns/{campaignId}")
    String campaign(@PathVariable String partnerId, @PathVariable String campaignId, Model model) {
        return shown(campaigns.campaign(partnerId, campaignId), model, "console/campaign");
    }

    /** The campaign's conversion over {@code within_days} days (1-90, default 7) from ClickHouse; 503 shown in its place when away. */
    @GetMapping("/console/campaigns/{partnerId}/{campaignId}/stats")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/campaigns/{campaignId}/stats")
    String stats(@PathVariable String partnerId, @PathVariable String campaignId,
                 @RequestParam(name = "within_days", required = false) Integer withinDays, Model model) {
        model.addAttribute("stats", campaigns.campaignStats(partnerId, campaignId, withinDays));
        return "console/campaign :: stats";
    }

    @PostMapping("/console/campaigns/{partnerId}/{campaignId}/schedule")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/campaigns/{campaignId}/schedule")
    String schedule(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String campaignId,
                    HttpServletRequest http, Model model) {
        model.addAttribute("changed", "Campaign scheduled: it starts delivering when its period begins.");
        return shown(campaigns.scheduleCampaign(admin, partnerId, campaignId, http), model, "console/campaign :: state");
    }

    /** Cancels with the reason typed (the API's reason rules: 1-500 characters). */
    @PostMapping("/console/campaigns/{partnerId}/{campaignId}/cancel")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/campaigns/{campaignId}/cancel")
    String cancel(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String campaignId,
                  @RequestParam(defaultValue = "") String reason, HttpServletRequest http, Model model) {
        CampaignResponses.Campaign cancelled = campaigns.cancelCampaign(admin, partnerId, campaignId,
                new CampaignRequests.CampaignCancelRequest(reason.isEmpty() ? null : reason), http);
        model.addAttribute("changed", "Campaign cancelled: it delivers nothing more.");
        return shown(cancelled, model, "console/campaign :: state");
    }

    private static String shown(CampaignResponses.Campaign campaign, Model model, String view) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("rewardText", reward(campaign.reward()));
        return view;
    }

    /** A reward in a few words, for the pages and the CSV. */
    static String reward(CampaignResponses.CampaignRewardResponse reward) {
        return switch (reward.kind()) {
            case "token_grant" -> "token_grant " + reward.amount() + " " + reward.asset();
            case "coupon_issue" -> "coupon_issue " + reward.code();
            default -> reward.kind() + " " + reward.poolId();
        };
    }
}
