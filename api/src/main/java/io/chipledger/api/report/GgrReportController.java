package io.chipledger.api.report;

import static io.chipledger.core.admin.AdminRole.AUDITOR;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.core.partner.ApiScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gross and net gaming revenue per day, game or currency (issue 14), from ClickHouse: a partner
 * with {@code reports:read} sees its own; staff ({@code ops}, {@code auditor}, {@code super}) see
 * one partner or all. JSON, or CSV with {@code Accept: text/csv} (the answer is a {@link CsvTable}). Figures include what the sink
 * has written (seconds behind the ledger; health shows the lag).
 *
 * <p>Errors: 400 {@code invalid-request} for a missing or bad date, a period over 366 days or an
 * unknown {@code group_by}; 422 {@code report-too-large} past 10,000 lines; 503
 * {@code analytics-off} without ClickHouse, {@code analytics-unavailable} while it is away.
 */
@RestController
class GgrReportController {

    // The parameters as the document shows them; the handler reads them itself, for problems that name the field.
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(required = true, description = "the first day, an ISO date (UTC)", schema = @Schema(type = "string", format = "date"))
    @interface FromDay {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(required = true, description = "the day after the last (exclusive), an ISO date; at most 366 days after from",
            schema = @Schema(type = "string", format = "date"))
    @interface ToDay {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(description = "one line per partner, currency and this (default day)",
            schema = @Schema(type = "string", allowableValues = {"day", "game", "currency"}, defaultValue = "day"))
    @interface Grouping {
    }

    private final GgrReports reports;
    private final KnownPartners partners;

    GgrReportController(GgrReports reports, KnownPartners partners) {
        this.reports = reports;
        this.partners = partners;
    }

    @Operation(operationId = "ggrReport", summary = "The partner's gross and net gaming revenue over [from, to), by day, game or currency")
    @PartnerAccess(ApiScope.REPORTS_READ)
    @GetMapping("/api/v1/reports/ggr")
    GgrReportResponse ggrReport(@AuthenticationPrincipal PartnerPrincipal partner, @FromDay @RequestParam(required = false) String from,
                                @ToDay @RequestParam(required = false) String to,
                                @Grouping @RequestParam(name = "group_by", required = false) String groupBy) {
        return reports.report(partner.partnerId(), from, to, groupBy);
    }

    @Operation(operationId = "ggrReportForStaff", summary = "Gross and net gaming revenue of one partner (partner_id) or of all")
    @AdminAccess({SUPER, OPS, AUDITOR})
    @GetMapping("/admin/v1/reports/ggr")
    GgrReportResponse ggrReportForStaff(@Parameter(description = "one partner; all when absent") @RequestParam(name = "partner_id",
                                                required = false) String partnerId,
                                        @FromDay @RequestParam(required = false) String from, @ToDay @RequestParam(required = false) String to,
                                        @Grouping @RequestParam(name = "group_by", required = false) String groupBy) {
        if (partnerId != null) {
            partners.requireField("partner_id", partnerId);
        }
        return reports.report(partnerId, from, to, groupBy);
    }
}
