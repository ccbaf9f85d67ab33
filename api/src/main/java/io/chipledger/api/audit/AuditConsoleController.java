package io.chipledger.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.audit.AuditHistory.AuditEvent;
import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit pages (issue 21; docs/console.md, "Audit"), read-only like the audit API:
 * start a store verification and watch its progress (the page asks every 2 seconds until it has
 * finished), its result with a link to each failing event; the event history of any aggregate as
 * the store holds it, with paging and CSV; a wallet's balances at an instant, summed from its
 * events. Each handler calls {@link AuditController}'s handler for the same thing, so the checks,
 * the limits and the refusals (400, 404, 409 while a verification runs) are the API's.
 */
@ConsoleController
class AuditConsoleController {

    /** Events a history page shows. */
    static final int PAGE_SIZE = 50;
    /** Events a history CSV holds at most (the API's pages of 500, read one after the other). */
    static final int EXPORT_MAX = 20_000;
    /** The statuses of a verification still under way: its fragment keeps asking. */
    private static final Set<String> RUNNING = Set.of("running");

    private final AuditController audit;
    private final ObjectMapper json;

    AuditConsoleController(AuditController audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /**
     * The verifications page: a button that starts one, and, given {@code verification_id}, that
     * verification's progress and report (as {@code GET /audit/v1/verifications/{id}}: 400 for a
     * malformed id, 404 for an unknown one).
     */
    @GetMapping("/console/audit/verifications")
    @ConsoleMenu(section = Section.AUDIT, title = "Verifications", order = 1)
    @ConsoleAccess("GET /audit/v1/verifications/{verificationId}")
    String verifications(@RequestParam(name = "verification_id", defaultValue = "") String verificationId, Model model) {
        if (!verificationId.isBlank()) {
            verification(audit.verification(verificationId.strip()), model);
        }
        return "console/audit-verifications";
    }

    /**
     * Starts a verification of the whole store (docs/audit.md) and answers its progress, which
     * then asks for itself every 2 seconds until the verification has finished; the address bar
     * gets the verification's page. 409 while this node runs one.
     */
    @PostMapping("/console/audit/verifications")
    @ConsoleAccess("POST /audit/v1/verifications")
    String start(@AuthenticationPrincipal AdminPrincipal admin, HttpServletRequest http, HttpServletResponse response, Model model) {
        AuditVerifications.Verification started = audit.startVerification(admin);
        response.setHeader("HX-Push-Url", http.getContextPath() + "/console/audit/verifications?verification_id=" + started.verificationId());
        verification(started, model);
        model.addAttribute("started", true);
        return "console/audit-verifications :: verification";
    }

    /** A verification's progress and, once finished, its report: the fragment the page polls. */
    @GetMapping("/console/audit/verifications/{verificationId}/progress")
    @ConsoleAccess("GET /audit/v1/verifications/{verificationId}")
    String progress(@PathVariable String verificationId, Model model) {
        verification(audit.verification(verificationId), model);
        return "console/audit-verifications :: verification";
    }

    /**
     * Every event of an aggregate (a wallet {@code p_…:player}, a partner, an admin key, a
     * profile, an AML alert...), {@value #PAGE_SIZE} a page in sequence order from after
     * {@code after} (-1: the first), with who caused it and its hash chain, as
     * {@code GET /audit/v1/aggregates/{aggregateId}/events} answers. Empty until an id is given;
     * 404 {@code unknown-aggregate} for an id without events.
     */
    @GetMapping("/console/audit/history")
    @ConsoleMenu(section = Section.AUDIT, title = "Aggregate history", order = 2)
    @ConsoleAccess("GET /audit/v1/aggregates/{aggregateId}/events")
    String history(@RequestParam(name = "aggregate_id", defaultValue = "") String aggregateId,
                   @RequestParam(defaultValue = "-1") long after, Model model) {
        model.addAttribute("aggregateId", aggregateId);
        model.addAttribute("after", after);
        if (!aggregateId.isBlank()) {
            AuditController.AuditEventPage page = audit.aggregateEvents(aggregateId.strip(), after, PAGE_SIZE);
            model.addAttribute("events", page.events().stream().map(this::row).toList());
            model.addAttribute("nextCursor", page.nextCursor());
            // Sequences run 0, 1, 2... without gaps in an aggregate, so the page before starts PAGE_SIZE back.
            model.addAttribute("previousAfter", after < 0 ? null : Math.max(-1, after - PAGE_SIZE));
        }
        return "console/audit-history";
    }

    /** The aggregate's events as CSV, every page up to {@value #EXPORT_MAX} events: the page's columns with the hashes whole. */
    @GetMapping("/console/audit/history.csv")
    @ConsoleAccess("GET /audit/v1/aggregates/{aggregateId}/events")
    ResponseEntity<CsvTable> export(@RequestParam(name = "aggregate_id", defaultValue = "") String aggregateId) {
        List<List<String>> rows = new ArrayList<>();
        Long after = -1L;
        do {
            AuditController.AuditEventPage page = audit.aggregateEvents(aggregateId.strip(), after, AuditHistory.PAGE_SIZE_MAX);
            for (AuditEvent event : page.events()) {
                rows.add(Arrays.asList(event.aggregateId(), String.valueOf(event.sequence()), String.valueOf(event.globalPosition()),
                        event.eventId(), event.eventType(), event.revision(), event.occurredAt(), text(event.actor()), text(event.partnerId()),
                        text(event.idempotencyKey()), text(event.requestIp()), text(event.userAgent()), text(event.correlationId()),
                        text(event.causationId()), event.eventHash(), event.previousHash(), payload(event)));
            }
            after = page.nextCursor();
        } while (after != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download("aggregate-history", List.of("aggregate_id", "sequence", "global_position", "event_id", "event_type",
                "revision", "occurred_at", "actor", "partner_id", "idempotency_key", "request_ip", "user_agent", "correlation_id",
                "causation_id", "event_hash", "previous_hash", "payload"), rows);
    }

    /**
     * A wallet's balances at an instant ({@code at}, ISO-8601; now when empty), summed from its
     * stored events' postings, not a read model, as
     * {@code GET /audit/v1/wallets/{partnerId}/{playerId}/balances} answers: per asset, available and
     * reserved as decimal text at the asset's scale. 404 {@code unknown-wallet} for a wallet without events.
     */
    @GetMapping("/console/audit/balances")
    @ConsoleMenu(section = Section.AUDIT, title = "Balances at an instant", order = 3)
    @ConsoleAccess("GET /audit/v1/wallets/{partnerId}/{playerId}/balances")
    String balances(@RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                    @RequestParam(name = "player_id", defaultValue = "") String playerId,
                    @RequestParam(required = false) Instant at, Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("at", at == null ? "" : at.toString());
        if (!partnerId.isBlank() || !playerId.isBlank()) {
            model.addAttribute("result", audit.walletBalances(partnerId.strip(), playerId.strip(), at, null));
        }
        return "console/audit-balances";
    }

    /** An event as the history page shows it: the event, and its payload as indented JSON text. */
    record EventRow(AuditEvent event, String payload) {
    }

    private EventRow row(AuditEvent event) {
        try {
            return new EventRow(event, json.writerWithDefaultPrettyPrinter().writeValueAsString(event.payload()));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("the payload of " + event.eventId() + " does not write as JSON", unwritable);
        }
    }

    private String payload(AuditEvent event) {
        try {
            return json.writeValueAsString(event.payload());
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("the payload of " + event.eventId() + " does not write as JSON", unwritable);
        }
    }

    private static void verification(AuditVerifications.Verification verification, Model model) {
        model.addAttribute("verification", verification);
        model.addAttribute("running", RUNNING.contains(verification.status()));
        model.addAttribute("percent", verification.eventsTotal() == 0 ? 100
                : Math.min(100, verification.eventsChecked() * 100 / verification.eventsTotal()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
