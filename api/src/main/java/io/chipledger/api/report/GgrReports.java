package io.chipledger.api.report;

import io.chipledger.analytics.report.GgrReport;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ProjectionPositions;
import io.chipledger.api.projection.TrackingGroups;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Makes the GGR report for a partner (or every partner) from ClickHouse, in the API's words and amounts. */
@Component
class GgrReports {

    private final AnalyticsReads reads;
    private final AssetRegistry assets;
    private final ProjectionPositions positions;

    GgrReports(AnalyticsReads reads, AssetRegistry assets, ProjectionPositions positions) {
        this.reads = reads;
        this.assets = assets;
        this.positions = positions;
    }

    /** {@code partnerId} null: every partner. 400 for a bad period or grouping, 422 past {@link GgrReport#LINES_MAX} lines. */
    GgrReportResponse report(String partnerId, String from, String to, String groupBy) {
        ReportPeriod period = ReportPeriod.of(from, to);
        GgrReport.GroupBy grouping = groupBy(groupBy);
        List<String> currencies = assets.codes(kind -> kind == AssetKind.FIAT);
        List<GgrReport.Line> lines = reads.read(clickHouse -> GgrReport.byDay(clickHouse, partnerId, period.from(), period.to(), grouping,
                currencies));
        if (lines.size() > GgrReport.LINES_MAX) {
            throw new ReportTooLargeException("the report has more than " + GgrReport.LINES_MAX + " lines: narrow the period or group by "
                    + "currency");
        }
        // Read after the figures: what the sink had written then is at least what they hold.
        long written = Math.max(0, positions.position(TrackingGroups.ANALYTICS_SINK));
        long behind = ProjectionPositions.lag(positions.head(), written);
        return new GgrReportResponse(period.from().toString(), period.to().toString(), grouping.name().toLowerCase(Locale.ROOT), written, behind,
                lines.stream().map(line -> {
                    Asset currency = assets.require(line.currency());
                    return new GgrReportResponse.GgrLine(line.partnerId(), grouping == GgrReport.GroupBy.DAY ? line.key() : null,
                            grouping == GgrReport.GroupBy.GAME ? line.key() : null, line.currency(), money(line.betsMinor(), currency),
                            money(line.winsMinor(), currency), money(line.ggrMinor(), currency), money(line.bonusesMinor(), currency),
                            money(line.ngrMinor(), currency));
                }).toList());
    }

    private static GgrReport.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return GgrReport.GroupBy.DAY;
        }
        for (GgrReport.GroupBy grouping : GgrReport.GroupBy.values()) {
            if (grouping.name().equalsIgnoreCase(value) && value.equals(value.toLowerCase(Locale.ROOT))) {
                return grouping;
            }
        }
        throw new InvalidRequestException("group_by", "group_by must be day, game or currency");
    }

    private static String money(java.math.BigInteger minor, Asset currency) {
        return AmountFormat.toDecimalString(minor, currency);
    }
}
