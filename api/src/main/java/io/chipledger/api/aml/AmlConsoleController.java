package io.chipledger.api.aml;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.projections.aml.AmlAlertProjection;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's AML pages (issue 21; docs/console.md, "AML"): the alert queue with the API's
 * filters (partner, player, status, severity, raised in [from, to)), paging and CSV; one alert with
 * its steps and the workflow's actions (assign, NEW to INVESTIGATING, then CLOSED with a reason or
 * REPORTED with the report's reference, notes); a player's risk profile with the factors behind its
 * score. Each handler calls {@link AmlController}'s handler for the same thing, so the checks, the
 * status rules, the actor ({@code admin-key:<id>}) and the refusals (400, 404, 409) are the API's.
 */
@ConsoleController
class AmlConsoleController {

    static final int PAGE_SIZE = 25;
    /** Alerts a CSV export reads at most: the queue of one search, newest first. */
    static final int EXPORT_MAX = 10_000;

    private final AmlController aml;

    AmlConsoleController(AmlController aml) {
        this.aml = aml;
    }

    /**
     * The alert queue, newest first, {@value #PAGE_SIZE} a page; filters as {@code GET /admin/v1/aml/alerts}
     * takes them (empty is "any"). Paging by the API's cursor; {@code trail} holds the cursors of the
     * pages before, for Previous. A bad filter is the API's 400.
     */
    @GetMapping("/console/aml/alerts")
    @ConsoleMenu(section = Section.AML, title = "Alerts", order = 1)
    @ConsoleAccess("GET /admin/v1/aml/alerts")
    String alerts(@RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                  @RequestParam(name = "player_id", defaultValue = "") String playerId,
                  @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String severity,
                  @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                  @RequestParam(defaultValue = "") String cursor, @RequestParam(defaultValue = "") String trail, Model model) {
        AmlResponses.AlertPage page = aml.listAmlAlerts(blankToNull(partnerId), blankToNull(playerId), blankToNull(status),
                blankToNull(severity), from, to, blankToNull(cursor), PAGE_SIZE);
        List<String> before = trail.isBlank() ? List.of() : Arrays.asList(trail.split(","));
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("status", status);
        model.addAttribute("severity", severity);
        model.addAttribute("from", from == null ? "" : from.toString());
        model.addAttribute("to", to == null ? "" : to.toString());
        model.addAttribute("alerts", page.alerts());
        model.addAttribute("nextCursor", page.nextCursor());
        // The trail: the cursors of the pages before this one, "-" for the first page (no cursor).
        model.addAttribute("nextTrail", String.join(",", append(before, cursor.isBlank() ? "-" : cursor)));
        model.addAttribute("hasPrevious", !before.isEmpty());
        model.addAttribute("previousCursor", before.isEmpty() || before.get(before.size() - 1).equals("-") ? "" : before.get(before.size() - 1));
        model.addAttribute("previousTrail", before.size() <= 1 ? "" : String.join(",", before.subList(0, before.size() - 1)));
        model.addAttribute("pageNumber", before.size() + 1);
        model.addAttribute("statuses", List.of("NEW", "INVESTIGATING", "CLOSED", "REPORTED"));
        model.addAttribute("severities", List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"));
        return "console/aml-alerts";
    }

    /** The same search as the page, every page of it up to {@value #EXPORT_MAX} alerts, as CSV. */
    @GetMapping("/console/aml/alerts.csv")
    @ConsoleAccess("GET /admin/v1/aml/alerts")
    ResponseEntity<CsvTable> export(@RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                                    @RequestParam(name = "player_id", defaultValue = "") String playerId,
                                    @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String severity,
                                    @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            AmlResponses.AlertPage page = aml.listAmlAlerts(blankToNull(partnerId), blankToNull(playerId), blankToNull(status),
                    blankToNull(severity), from, to, cursor, AmlAlertProjection.PAGE_SIZE_MAX);
            for (AmlResponses.Alert alert : page.alerts()) {
                rows.add(Arrays.asList(alert.alertId(), alert.partnerId(), alert.playerId(), alert.type(), alert.severity().name(),
                        String.valueOf(alert.score()), String.join(" ", alert.factors()), text(alert.transactionId()), alert.status().name(),
                        text(alert.assignee()), text(alert.reportReference()), alert.raisedAt().toString(), alert.raisedBy(),
                        alert.updatedAt().toString()));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download("aml-alerts", List.of("alert_id", "partner_id", "player_id", "type", "severity", "score", "factors",
                "transaction_id", "status", "assignee", "report_reference", "raised_at", "raised_by", "updated_at"), rows);
    }

    /** One alert, every step of its investigation (who, when, what), and the actions its status allows. 404 for an unknown alert. */
    @GetMapping("/console/aml/alerts/{alertId}")
    @ConsoleAccess("GET /admin/v1/aml/alerts/{alertId}")
    String alert(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId, Model model) {
        return workflow(admin, aml.amlAlert(alertId), null, model, "console/aml-alert");
    }

    /** Gives the alert to an investigator (1-64 characters; the form offers the signed-in admin's own actor). */
    @PostMapping("/console/aml/alerts/{alertId}/assignment")
    @ConsoleAccess("POST /admin/v1/aml/alerts/{alertId}/assignment")
    String assign(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                  @RequestParam(defaultValue = "") String assignee, HttpServletRequest http, Model model) {
        AmlResponses.AlertDetail detail = aml.assignAmlAlert(admin, alertId, new AmlRequests.Assignment(assignee), http);
        return workflow(admin, detail, "Assigned to " + assignee + ".", model, "console/aml-alert :: workflow");
    }

    /**
     * Moves the alert on: INVESTIGATING (from NEW), CLOSED with a reason or REPORTED with the
     * report's reference (from INVESTIGATING). An empty reason or reference is left out, so the
     * API says what is missing; a step the status does not allow is the API's 409.
     */
    @PostMapping("/console/aml/alerts/{alertId}/status")
    @ConsoleAccess("POST /admin/v1/aml/alerts/{alertId}/status")
    String changeStatus(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                        @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String reason,
                        @RequestParam(name = "report_reference", defaultValue = "") String reportReference,
                        HttpServletRequest http, Model model) {
        AmlResponses.AlertDetail detail = aml.changeAmlAlertStatus(admin, alertId,
                new AmlRequests.StatusChange(blankToNull(status), blankToNull(reason), blankToNull(reportReference)), http);
        return workflow(admin, detail, "Status now " + detail.alert().status() + ".", model, "console/aml-alert :: workflow");
    }

    /** Adds an investigator's note (1-2,000 characters), in any status. */
    @PostMapping("/console/aml/alerts/{alertId}/notes")
    @ConsoleAccess("POST /admin/v1/aml/alerts/{alertId}/notes")
    String addNote(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                   @RequestParam(defaultValue = "") String note, HttpServletRequest http, Model model) {
        AmlResponses.AlertDetail detail = aml.addAmlAlertNote(admin, alertId, new AmlRequests.Note(note), http);
        return workflow(admin, detail, "Note added.", model, "console/aml-alert :: workflow");
    }

    /**
     * A player's risk profile as {@code GET /admin/v1/aml/players/{playerId}} gives it: score 0-100
     * and level, 7 and 30-day deposits and withdrawals (decimal strings in the currency's scale), the
     * factors found (first and last seen, how often, the last finding) and the rules that could not
     * judge. Empty until a partner and player are given; 404 {@code unknown-aml-profile} for a player
     * the engine never saw.
     */
    @GetMapping("/console/aml/players")
    @ConsoleMenu(section = Section.AML, title = "Risk profile", order = 2)
    @ConsoleAccess("GET /admin/v1/aml/players/{playerId}")
    String profile(@RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                   @RequestParam(name = "player_id", defaultValue = "") String playerId, Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        if (!partnerId.isBlank() || !playerId.isBlank()) {
            model.addAttribute("profile", aml.amlPlayerProfile(playerId, blankToNull(partnerId), null));
        }
        return "console/aml-profile";
    }

    private static String workflow(AdminPrincipal admin, AmlResponses.AlertDetail detail, String done, Model model, String view) {
        model.addAttribute("alert", detail.alert());
        model.addAttribute("steps", detail.steps());
        model.addAttribute("me", admin.actor());
        model.addAttribute("done", done);
        return view;
    }

    private static List<String> append(List<String> list, String last) {
        List<String> longer = new ArrayList<>(list);
        longer.add(last);
        return longer;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
