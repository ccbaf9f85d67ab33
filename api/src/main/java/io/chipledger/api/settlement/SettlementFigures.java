package io.chipledger.api.settlement;

import io.chipledger.analytics.report.GgrReport;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.report.AnalyticsReads;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.settlement.CommissionPart;
import io.chipledger.core.settlement.SettlementLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * A statement's figures: the GGR report's totals per currency ({@link GgrReport#totals}) for each
 * stretch of the period at one commission rate, the commission of each stretch, and their sums.
 */
@Component
class SettlementFigures {

    private final AnalyticsReads reads;
    private final AssetRegistry assets;

    SettlementFigures(AnalyticsReads reads, AssetRegistry assets) {
        this.reads = reads;
        this.assets = assets;
    }

    List<SettlementLine> of(String partnerId, List<CommissionRates.Stretch> stretches) {
        List<String> currencies = assets.codes(kind -> kind == AssetKind.FIAT);
        Map<String, List<GgrReport.Line>> byCurrency = new TreeMap<>();
        Map<String, List<CommissionPart>> parts = new TreeMap<>();
        reads.read(clickHouse -> {
            for (CommissionRates.Stretch stretch : stretches) {
                for (GgrReport.Line line : GgrReport.totals(clickHouse, partnerId, stretch.from(), stretch.to(), currencies)) {
                    byCurrency.computeIfAbsent(line.currency(), currency -> new ArrayList<>()).add(line);
                    parts.computeIfAbsent(line.currency(), currency -> new ArrayList<>()).add(new CommissionPart(stretch.from(), stretch.to(),
                            stretch.rateBasisPoints(), line.ggrMinor(), CommissionPart.commission(line.ggrMinor(), stretch.rateBasisPoints())));
                }
            }
            return null;
        });
        List<SettlementLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, ofCurrency) -> {
            long bets = ofCurrency.stream().mapToLong(GgrReport.Line::betsMinor).reduce(0, Math::addExact);
            long wins = ofCurrency.stream().mapToLong(GgrReport.Line::winsMinor).reduce(0, Math::addExact);
            long bonuses = ofCurrency.stream().mapToLong(GgrReport.Line::bonusesMinor).reduce(0, Math::addExact);
            long ggr = Math.subtractExact(bets, wins);
            long commission = parts.get(currency).stream().mapToLong(CommissionPart::commissionMinor).reduce(0, Math::addExact);
            lines.add(new SettlementLine(currency, bets, wins, ggr, bonuses, Math.subtractExact(ggr, bonuses), commission, parts.get(currency)));
        });
        return lines;
    }
}
