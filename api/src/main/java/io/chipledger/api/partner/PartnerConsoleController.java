package io.chipledger.api.partner;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsolePaging;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.partner.PartnerAdminController.PartnerPage;
import io.chipledger.api.partner.PartnerAdminController.PartnerResponse;
import io.chipledger.api.partner.PartnerRequests.KeyRequest;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
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
 * paging and CSV; a partner's API keys, issued (the secret shown once) and revoked. Each handler
 * calls {@link PartnerAdminController}'s handler for the same thing, so input checks, commands, the
 * actor ({@code admin-key:<id>}) and refusals are the API's.
 */
@ConsoleController
class PartnerConsoleController {

    /** Partners read for one search: the registry is small (operators and aggregators), and a search reads it all up to this. */
    static final int SEARCH_SCAN_MAX = 2_000;

    private final PartnerAdminController partners;

    PartnerConsoleController(PartnerAdminController partners) {
        this.partners = partners;
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

    @GetMapping("/console/partners/{partnerId}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}")
    String partner(@PathVariable String partnerId, Model model) {
        model.addAttribute("partner", partners.getPartner(partnerId));
        model.addAttribute("keys", partners.listApiKeys(partnerId));
        return "console/partner";
    }

    /** Issues a key with the scopes ticked; the answer shows its secret this once. */
    @PostMapping("/console/partners/{partnerId}/api-keys")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/api-keys")
    String issueKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                    @RequestParam(required = false) List<String> scopes, @RequestParam(name = "expires_at", defaultValue = "") String expiresAt,
                    HttpServletRequest http, Model model) {
        model.addAttribute("issued", partners.issueApiKey(admin, partnerId,
                new KeyRequest(scopes == null ? List.of() : scopes, expiresAt.isBlank() ? null : expiresAt), http));
        return keys(partnerId, model);
    }

    @PostMapping("/console/partners/{partnerId}/api-keys/{keyId}/revoke")
    @ConsoleAccess("DELETE /admin/v1/partners/{partnerId}/api-keys/{keyId}")
    String revokeKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String keyId,
                     HttpServletRequest http, Model model) {
        partners.revokeApiKey(admin, partnerId, keyId, http);
        model.addAttribute("revoked", keyId);
        return keys(partnerId, model);
    }

    private String keys(String partnerId, Model model) {
        model.addAttribute("partner", partners.getPartner(partnerId));
        model.addAttribute("keys", partners.listApiKeys(partnerId));
        return "console/partner :: keys";
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
