package io.chipledger.api.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.security.ConsoleAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's revenue page for finance (issue 21; docs/console.md, "Finance"; docs/bi.md): gross
 * and net gaming revenue of one partner or all over [from, to), by day, game or currency, as a chart
 * and a table, and as CSV. It calls {@link GgrReportController}'s staff handler, so the period and
 * grouping checks (400 naming the field), the 10,000-line limit (422) and ClickHouse being away
 * (503) are the API's. The table shows the API's exact decimal strings; the chart
 * ({@code console/assets/finance-chart.js}, Chart.js from its webjar) reads the same answer from a
 * JSON data block and turns amounts into numbers for drawing only. Without a period the page shows
 * the last {@value #DAYS_DEFAULT} days, today included.
 */
@ConsoleController
class GgrReportConsoleController {

    static final int DAYS_DEFAULT = 30;

    private final GgrReportController reports;
    private final ObjectMapper json;
    private final Clock clock;

    GgrReportConsoleController(GgrReportController reports, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/ggr")
    @ConsoleMenu(section = Section.FINANCE, title = "GGR", order = 1)
    @ConsoleAccess("GET /admin/v1/reports/ggr")
    String report(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(name = "group_by", defaultValue = "day") String groupBy, Model model)
            throws JsonProcessingException {
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        String first = from == null ? tomorrow.minusDays(DAYS_DEFAULT).toString() : from;
        String end = to == null ? tomorrow.toString() : to;
        model.addAttribute("partnerId", partnerId.strip());
        model.addAttribute("from", first);
        model.addAttribute("to", end);
        model.addAttribute("groupBy", groupBy);
        GgrReportResponse report = reports.ggrReportForStaff(partnerId.isBlank() ? null : partnerId.strip(), first, end, groupBy);
        model.addAttribute("report", report);
        model.addAttribute("reportJson", dataBlock(report));
        return "console/ggr";
    }

    /** The same report as CSV (the API's columns). */
    @GetMapping("/console/ggr.csv")
    @ConsoleAccess("GET /admin/v1/reports/ggr")
    ResponseEntity<CsvTable> export(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to, @RequestParam(name = "group_by", defaultValue = "day") String groupBy) {
        GgrReportResponse report = reports.ggrReportForStaff(partnerId.isBlank() ? null : partnerId.strip(), from, to, groupBy);
        return ConsoleCsv.download("ggr-" + report.from() + "-" + report.to() + "-by-" + report.groupBy(), report.csvHeader(), report.csvRows());
    }

    /**
     * The report as the API writes it, for a {@code <script type="application/json">} block: the
     * characters that could end the block or start markup are escaped, so a game id cannot.
     */
    private String dataBlock(GgrReportResponse report) throws JsonProcessingException {
        return json.writeValueAsString(report).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
