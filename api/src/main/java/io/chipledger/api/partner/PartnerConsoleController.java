package io.chipledger.api.partner;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsolePaging;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.partner.PartnerAdminController.PartnerPage;
import io.chipledger.api.partner.PartnerAdminController.PartnerResponse;
import io.chipledger.api.partner.PartnerRequests.IpAllowListRequest;
import io.chipledger.api.partner.PartnerRequests.KeyRequest;
import io.chipledger.api.partner.PartnerRequests.PartnerUpdate;
import io.chipledger.api.partner.PartnerRequests.StatusRequest;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's partner pages (issue 21; docs/console.md, "Operations"): partners with search,
 * paging and CSV; a partner's API keys, issued (the secret shown once) and revoked; its settlement
 * policy, suspension and reactivation with a reason, IP allow-list (view and replace, with a reason)
 * and rate limit (view). Each handler calls {@link PartnerAdminController}'s or
 * {@link PartnerAccessController}'s handler for the same thing, so input checks, commands, the actor
 * ({@code admin-key:<id>}) and refusals are the API's. The page offers a change only to an admin whose
 * roles pass that change's rule ({@link ConsoleAccessRules}); the server checks it again on the post.
 */
@ConsoleController
class PartnerConsoleController {

    /** Partners read for one search: the registry is small (operators and aggregators), and a search reads it all up to this. */
    static final int SEARCH_SCAN_MAX = 2_000;

    private final PartnerAdminController partners;
    private final PartnerAccessController access;
    private final ConsoleAccessRules rules;

    PartnerConsoleController(PartnerAdminController partners, PartnerAccessController access, ConsoleAccessRules rules) {
        this.partners = partners;
        this.access = access;
        this.rules = rules;
    }

    /** Partners whose id, name or contact contains {@code q} (any case), a page at a time. */
    @GetMapping("/console/partners")
    @ConsoleMenu(section = Section.OPERATIONS, title = "Partners", order = 1)
    @ConsoleAccess("GET /admin/v1/partners")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") long page, Model model) {
        ConsolePaging<PartnerResponse> shown = ConsolePaging.of(search(q), page);
        model.addAttribute("q", q);
        model.addAttribute("page", shown.page());
        model.addAttribute("total", shown.total());
        model.addAttribute("partners", shown.rows());
        model.addAttribute("hasNext", shown.hasNext());
        return "console/partners";
    }

    @GetMapping("/console/partners.csv")
    @ConsoleAccess("GET /admin/v1/partners")
    ResponseEntity<CsvTable> export(@RequestParam(defaultValue = "") String q) {
        List<List<String>> rows = search(q).stream().map(partner -> List.of(partner.partnerId(), partner.name(), partner.type(),
                partner.status(), partner.commissionRate().toPlainString(), partner.contactEmail(), partner.settlementPolicy(),
                partner.registeredAt().toString())).toList();
        return ConsoleCsv.download("partners", List.of("partner_id", "name", "type", "status", "commission_rate", "contact_email",
                "settlement_policy", "registered_at"), rows);
    }

    /**
     * One partner: its facts, settlement policy, status, IP allow-list, rate limit per key (requests a
     * second and burst, its own or the configured default) and API keys. 404 for an unknown partner.
     * Fronts {@code GET /admin/v1/partners/{partnerId}} and the reads of its allow-list, limit and keys.
     */
    @GetMapping("/console/partners/{partnerId}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}")
    String partner(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, Model model) {
        model.addAttribute("partner", partners.getPartner(partnerId));
        model.addAttribute("keys", partners.listApiKeys(partnerId));
        model.addAttribute("ipAllowList", access.getIpAllowList(partnerId));
        model.addAttribute("rateLimit", access.getRateLimit(partnerId));
        model.addAttribute("may", rules.actions(PartnerConsoleController.class, admin.roles()));
        return "console/partner";
    }

    /**
     * Changes the settlement policy ({@code single_win} or {@code multi_win}); the same policy again
     * records nothing. Fronts {@code PATCH /admin/v1/partners/{partnerId}} with only
     * {@code settlement_policy}; an unknown policy is the API's 400.
     */
    @PostMapping("/console/partners/{partnerId}/settlement-policy")
    @ConsoleAccess("PATCH /admin/v1/partners/{partnerId}")
    String changeSettlementPolicy(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                  @RequestParam(name = "settlement_policy", defaultValue = "") String policy,
                                  HttpServletRequest http, Model model) {
        PartnerResponse changed = partners.updatePartner(admin, partnerId, new PartnerUpdate(null, null, null, null, policy), http);
        model.addAttribute("notice", "Settlement policy is " + changed.settlementPolicy() + ".");
        return section("policy", admin, partnerId, model);
    }

    /**
     * Suspends the partner: its keys are refused until it is reactivated. {@code reason}: 1-500
     * characters, kept in the event. Fronts {@code POST /admin/v1/partners/{partnerId}/suspend}; a
     * partner already suspended is the API's 409.
     */
    @PostMapping("/console/partners/{partnerId}/suspend")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/suspend")
    String suspend(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                   @RequestParam(defaultValue = "") String reason, HttpServletRequest http, Model model) {
        partners.suspendPartner(admin, partnerId, new StatusRequest(reason), http);
        model.addAttribute("notice", "Partner suspended: its keys are refused from the next request.");
        return section("status", admin, partnerId, model);
    }

    /** Reactivates a suspended partner, with a reason (1-500 characters). Fronts {@code POST /admin/v1/partners/{partnerId}/reactivate}. */
    @PostMapping("/console/partners/{partnerId}/reactivate")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/reactivate")
    String reactivate(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                      @RequestParam(defaultValue = "") String reason, HttpServletRequest http, Model model) {
        partners.reactivatePartner(admin, partnerId, new StatusRequest(reason), http);
        model.addAttribute("notice", "Partner reactivated.");
        return section("status", admin, partnerId, model);
    }

    /**
     * Replaces the IP allow-list: {@code cidrs} holds IPv4 or IPv6 blocks separated by spaces or
     * commas (a bare address is a block of one; none at all accepts every address), with a reason.
     * One line: a console field holds no line breaks ({@link io.chipledger.api.console.ConsoleInput}).
     * Fronts {@code PUT /admin/v1/partners/{partnerId}/ip-allow-list}: its checks (at most
     * {@link io.chipledger.core.partner.Partner#IP_ALLOW_LIST_MAX} blocks, each valid, no repeats) answer 400.
     */
    @PostMapping("/console/partners/{partnerId}/ip-allow-list")
    @ConsoleAccess("PUT /admin/v1/partners/{partnerId}/ip-allow-list")
    String setIpAllowList(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                          @RequestParam(defaultValue = "") String cidrs, @RequestParam(defaultValue = "") String reason,
                          HttpServletRequest http, Model model) {
        List<String> blocks = Arrays.stream(cidrs.split("[,\\s]+")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        access.setIpAllowList(admin, partnerId, new IpAllowListRequest(blocks, reason), http);
        model.addAttribute("notice", blocks.isEmpty() ? "IP allow-list emptied: keys are accepted from every address."
                : "IP allow-list saved: keys are accepted from these blocks only, from the next request.");
        return section("ip", admin, partnerId, model);
    }

    /** Issues a key with the scopes ticked; the answer shows its secret this once. */
    @PostMapping("/console/partners/{partnerId}/api-keys")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/api-keys")
    String issueKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                    @RequestParam(required = false) List<String> scopes, @RequestParam(name = "expires_at", defaultValue = "") String expiresAt,
                    HttpServletRequest http, Model model) {
        model.addAttribute("issued", partners.issueApiKey(admin, partnerId,
                new KeyRequest(scopes == null ? List.of() : scopes, expiresAt.isEmpty() ? null : expiresAt), http));
        return keys(admin, partnerId, model);
    }

    @PostMapping("/console/partners/{partnerId}/api-keys/{keyId}/revoke")
    @ConsoleAccess("DELETE /admin/v1/partners/{partnerId}/api-keys/{keyId}")
    String revokeKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String keyId,
                     HttpServletRequest http, Model model) {
        partners.revokeApiKey(admin, partnerId, keyId, http);
        model.addAttribute("revoked", keyId);
        return keys(admin, partnerId, model);
    }

    private String keys(AdminPrincipal admin, String partnerId, Model model) {
        model.addAttribute("partner", partners.getPartner(partnerId));
        model.addAttribute("keys", partners.listApiKeys(partnerId));
        model.addAttribute("may", rules.actions(PartnerConsoleController.class, admin.roles()));
        return "console/partner :: keys";
    }

    /** A changed section of the partner page, re-read after the change, with the notice. */
    private String section(String fragment, AdminPrincipal admin, String partnerId, Model model) {
        model.addAttribute("partner", partners.getPartner(partnerId));
        model.addAttribute("ipAllowList", access.getIpAllowList(partnerId));
        model.addAttribute("may", rules.actions(PartnerConsoleController.class, admin.roles()));
        return "console/partner :: " + fragment;
    }

    private List<PartnerResponse> search(String q) {
        String needle = q.strip().toLowerCase(Locale.ROOT);
        List<PartnerResponse> found = new ArrayList<>();
        String cursor = null;
        int read = 0;
        do {
            PartnerPage page = partners.listPartners(cursor, null);
            for (PartnerResponse partner : page.partners()) {
                if (needle.isEmpty() || (partner.partnerId() + " " + partner.name() + " " + partner.contactEmail())
                        .toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add(partner);
                }
            }
            read += page.partners().size();
            cursor = page.nextCursor();
        } while (cursor != null && read < SEARCH_SCAN_MAX);
        return found;
    }
}
