package io.chipledger.api.projection;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.projection.DeadLetters.ParkedEvent;
import io.chipledger.api.projection.ProjectionAdminController.ParkedEvents;
import io.chipledger.api.projection.ProjectionAdminController.ProjectionStatus;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's projection pages (issue 21; docs/console.md, "Operations"): every tracking group's
 * health (position, head, lag in events, whether it is rebuilding, how many events it parked), and a
 * group's parked events (dead letters) a page at a time with their retry. Each handler calls
 * {@link ProjectionAdminController}'s handler, so the numbers, the limits and the refusals are the
 * API's. Rebuild and resend are not offered here: they stay API calls, deliberate and logged.
 */
@ConsoleController
class ProjectionConsoleController {

    /** Parked events one CSV export reads at most. */
    static final int EXPORT_MAX = 10_000;

    private final ProjectionAdminController projections;
    private final ConsoleAccessRules rules;

    ProjectionConsoleController(ProjectionAdminController projections, ConsoleAccessRules rules) {
        this.projections = projections;
        this.rules = rules;
    }

    /**
     * Every tracking group running on this node, with position, head and lag (events the slowest
     * segment has not yet seen), replaying (a rebuild in progress) and parked events. Fronts
     * {@code GET /admin/v1/projections}.
     */
    @GetMapping("/console/projections")
    @ConsoleMenu(section = Section.OPERATIONS, title = "Projections", order = 3)
    @ConsoleAccess("GET /admin/v1/projections")
    String projections(Model model) {
        model.addAttribute("projections", projections.projectionStatus());
        return "console/projections";
    }

    /** The same table as CSV. */
    @GetMapping("/console/projections.csv")
    @ConsoleAccess("GET /admin/v1/projections")
    ResponseEntity<CsvTable> export() {
        List<List<String>> rows = projections.projectionStatus().stream().map((ProjectionStatus status) -> List.of(status.name(),
                Long.toString(status.position()), Long.toString(status.head()), Long.toString(status.lagEvents()),
                Boolean.toString(status.replaying()), Long.toString(status.parkedEvents()))).toList();
        return ConsoleCsv.download("projections", List.of("name", "position", "head", "lag_events", "replaying", "parked_events"), rows);
    }

    /**
     * The group's parked events, 50 a page in wallet and order within it; {@code cursor} is the
     * previous page's last row (the API's {@code next_cursor}). Fronts
     * {@code GET /admin/v1/projections/{name}/dead-letters}: an unknown group or a bad cursor is its 404 or 400.
     */
    @GetMapping("/console/projections/{name}/dead-letters")
    @ConsoleAccess("GET /admin/v1/projections/{name}/dead-letters")
    String deadLetters(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name,
                       @RequestParam(required = false) String cursor, Model model) {
        ParkedEvents page = projections.parkedEvents(name, cursor == null || cursor.isBlank() ? null : cursor, null);
        model.addAttribute("page", page);
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute("mayRetry", rules.actions(ProjectionConsoleController.class, admin.roles()).get("retry"));
        return "console/dead-letters";
    }

    /** The group's parked events (up to {@link #EXPORT_MAX}) as CSV, read a page of the API at a time. */
    @GetMapping("/console/projections/{name}/dead-letters.csv")
    @ConsoleAccess("GET /admin/v1/projections/{name}/dead-letters")
    ResponseEntity<CsvTable> exportDeadLetters(@PathVariable String name) {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            ParkedEvents page = projections.parkedEvents(name, cursor, DeadLetters.PAGE_SIZE_MAX);
            for (ParkedEvent event : page.parked()) {
                rows.add(List.of(event.sequence(), Long.toString(event.index()), event.eventId(), event.eventType(),
                        Objects.toString(event.position(), ""), Objects.toString(event.causeType(), ""),
                        Objects.toString(event.causeMessage(), ""), Objects.toString(event.enqueuedAt(), ""),
                        Objects.toString(event.lastTouched(), "")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download(name + "-parked-events", List.of("sequence", "index", "event_id", "event_type", "position",
                "cause_type", "cause_message", "enqueued_at", "last_touched"), rows);
    }

    /**
     * Hands the parked events of up to 100 wallets back to the group's handlers (after the fault is
     * fixed); those that fail again stay parked with their new cause. Answers the outcome. Fronts
     * {@code POST /admin/v1/projections/{name}/dead-letters/retry}.
     */
    @PostMapping("/console/projections/{name}/dead-letters/retry")
    @ConsoleAccess("POST /admin/v1/projections/{name}/dead-letters/retry")
    String retry(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name, Model model) {
        model.addAttribute("outcome", projections.retryParkedEvents(admin, name));
        return "console/dead-letters :: outcome";
    }
}
