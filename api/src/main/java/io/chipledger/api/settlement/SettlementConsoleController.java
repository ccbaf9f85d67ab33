package io.chipledger.api.settlement;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's settlement pages for finance (issue 21; docs/console.md, "Finance"; docs/bi.md):
 * find a statement by id, view it (its figures per currency, the commission parts at each rate) and
 * download it as CSV; issue a partner's statement for a period, or a correction of one. Each handler
 * calls {@link SettlementController}'s handler, so the period rules (400), overlaps and
 * supersession (409), ClickHouse not holding the period yet (503 {@code analytics-behind}: try again
 * shortly) and the actor ({@code admin-key:<id>}) are the API's. Amounts are its exact decimal strings.
 */
@ConsoleController
class SettlementConsoleController {

    private final SettlementController settlements;
    private final ConsoleAccessRules rules;

    SettlementConsoleController(SettlementController settlements, ConsoleAccessRules rules) {
        this.settlements = settlements;
        this.rules = rules;
    }

    /** The look-up and issue forms (the latter only for roles that may issue). */
    @GetMapping("/console/settlements")
    @ConsoleMenu(section = Section.FINANCE, title = "Settlements", order = 2)
    @ConsoleAccess("GET /admin/v1/settlements/{statementId}")
    String settlements(@AuthenticationPrincipal AdminPrincipal admin, @RequestParam(name = "statement_id", defaultValue = "") String statementId,
                       Model model) throws NoSuchMethodException {
        if (!statementId.isBlank()) {
            return "redirect:/console/settlements/" + java.net.URLEncoder.encode(statementId.strip(), java.nio.charset.StandardCharsets.UTF_8);
        }
        model.addAttribute("mayIssue", rules.actions(SettlementConsoleController.class, admin.roles()).get("issue"));
        return "console/settlements";
    }

    /** One statement as issued. */
    @GetMapping("/console/settlements/{statementId}")
    @ConsoleAccess("GET /admin/v1/settlements/{statementId}")
    String statement(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String statementId, Model model) throws NoSuchMethodException {
        model.addAttribute("statement", settlements.settlement(statementId));
        model.addAttribute("mayIssue", rules.actions(SettlementConsoleController.class, admin.roles()).get("issue"));
        return "console/settlement";
    }

    /** The statement's lines as CSV (the API's columns). */
    @GetMapping("/console/settlements/{statementId}.csv")
    @ConsoleAccess("GET /admin/v1/settlements/{statementId}")
    ResponseEntity<CsvTable> export(@PathVariable String statementId) {
        SettlementResponse statement = settlements.settlement(statementId);
        return ConsoleCsv.download(statement.statementId(), statement.csvHeader(), statement.csvRows());
    }

    /** Issues the partner's statement for [from, to) (ISO dates), or a correction of {@code corrects}; answers it with a notice. */
    @PostMapping("/console/settlements")
    @ConsoleAccess("POST /admin/v1/settlements")
    String issue(@AuthenticationPrincipal AdminPrincipal admin, @RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                 @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                 @RequestParam(defaultValue = "") String corrects, HttpServletRequest http, Model model) {
        SettlementResponse issued = settlements.issueSettlement(admin, new SettlementRequest(given(partnerId), given(from), given(to),
                given(corrects)), http);
        model.addAttribute("statement", issued);
        return "console/settlements :: issued";
    }

    /** An empty field is one not given, as in a JSON body without it. */
    private static String given(String field) {
        return field.isBlank() ? null : field.strip();
    }
}
