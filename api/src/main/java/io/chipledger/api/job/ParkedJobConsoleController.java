package io.chipledger.api.job;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.job.ParkedJobController.ParkedItemPage;
import io.chipledger.api.job.ParkedJobItems.ParkedItem;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's page of what background jobs parked (issue 21; docs/console.md, "Operations"): each
 * item a job could not handle, its cause and attempts, and the retry of a job's items (all, or one
 * item) by its next run, within 30 s. Each handler calls {@link ParkedJobController}'s handler, so
 * the paging, checks and refusals are the API's.
 */
@ConsoleController
class ParkedJobConsoleController {

    static final int PAGE_SIZE = 50;
    /** Rows one CSV export reads at most, a page of the API at a time. */
    static final int EXPORT_MAX = 10_000;

    private final ParkedJobController parked;
    private final ConsoleAccessRules rules;

    ParkedJobConsoleController(ParkedJobController parked, ConsoleAccessRules rules) {
        this.parked = parked;
        this.rules = rules;
    }

    /**
     * Parked items in (job, item key) order, 50 a page; {@code cursor} is the API's
     * {@code next_cursor}. Fronts {@code GET /admin/v1/jobs/parked}: a bad cursor is its 400.
     */
    @GetMapping("/console/parked-jobs")
    @ConsoleMenu(section = Section.OPERATIONS, title = "Parked job items", order = 4)
    @ConsoleAccess("GET /admin/v1/jobs/parked")
    String parkedItems(@AuthenticationPrincipal AdminPrincipal admin, @RequestParam(required = false) String cursor, Model model) {
        boolean first = cursor == null || cursor.isBlank();
        model.addAttribute("page", parked.listParkedItems(first ? null : cursor, PAGE_SIZE));
        model.addAttribute("first", first);
        model.addAttribute("jobs", Arrays.stream(Job.values()).map(Job::jobName).toList());
        model.addAttribute("mayRetry", rules.actions(ParkedJobConsoleController.class, admin.roles()).get("retry"));
        return "console/parked-jobs";
    }

    /** Every parked item (up to {@link #EXPORT_MAX}) as CSV; {@code item} is the item's fields as {@code name=value} pairs. */
    @GetMapping("/console/parked-jobs.csv")
    @ConsoleAccess("GET /admin/v1/jobs/parked")
    ResponseEntity<CsvTable> export() {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            ParkedItemPage page = parked.listParkedItems(cursor, ParkedJobItems.PAGE_SIZE_MAX);
            for (ParkedItem item : page.parkedItems()) {
                rows.add(List.of(item.job(), item.itemKey(), String.valueOf(item.item()), Objects.toString(item.cause(), ""),
                        Integer.toString(item.attempts()), Objects.toString(item.firstFailedAt(), ""),
                        Objects.toString(item.lastFailedAt(), ""), Objects.toString(item.retryRequestedAt(), "")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download("parked-job-items", List.of("job", "item_key", "item", "cause", "attempts", "first_failed_at",
                "last_failed_at", "retry_requested_at"), rows);
    }

    /**
     * Unparks the items of {@code job} (a job's name, picked from the list), or only {@code item_key} when given, for its next run to try again;
     * answers how many were parked (0: none was). Fronts {@code POST /admin/v1/jobs/parked/{job}/retry}:
     * an unknown job is its 404, a malformed item key its 400.
     */
    @PostMapping("/console/parked-jobs/retry")
    @ConsoleAccess("POST /admin/v1/jobs/parked/{job}/retry")
    String retry(@AuthenticationPrincipal AdminPrincipal admin, @RequestParam(defaultValue = "") String job,
                 @RequestParam(name = "item_key", defaultValue = "") String itemKey, Model model) {
        model.addAttribute("outcome", parked.retryParkedItems(admin, job, new RetryRequest(itemKey.isBlank() ? null : itemKey.strip())));
        return "console/parked-jobs :: outcome";
    }
}
