package io.chipledger.api.settlement;

import io.chipledger.analytics.report.GgrReport;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.report.AnalyticsReads;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.settlement.CommissionPart;
import io.chipledger.core.settlement.SettlementLine;
import io.chipledger.api.report.ReportTooLargeException;
import java.math.BigInteger;
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

    /** A statement freezes 64-bit minor units, as the ledger keeps them: a period whose figures exceed that is refused, not wrapped. */
    private static long fits(BigInteger minor) {
        if (minor.bitLength() >= Long.SIZE) {
            throw new ReportTooLargeException("a figure of the period (" + minor + " minor units) exceeds what a statement holds "
                    + "(64-bit minor units): settle shorter periods");
        }
        return minor.longValueExact();
    }

    List<SettlementLine> of(String partnerId, List<CommissionRates.Stretch> stretches) {
        List<String> currencies = assets.codes(kind -> kind == AssetKind.FIAT);
        Map<String, List<GgrReport.Line>> byCurrency = new TreeMap<>();
        Map<String, List<CommissionPart>> parts = new TreeMap<>();
        reads.read(clickHouse -> {
            for (CommissionRates.Stretch stretch : stretches) {
                for (GgrReport.Line line : GgrReport.totals(clickHouse, partnerId, stretch.from(), stretch.to(), currencies)) {
                    byCurrency.computeIfAbsent(line.currency(), currency -> new ArrayList<>()).add(line);
                    long ggr = fits(line.ggrMinor());
                    parts.computeIfAbsent(line.currency(), currency -> new ArrayList<>()).add(new CommissionPart(stretch.from(), stretch.to(),
                            stretch.rateBasisPoints(), ggr, CommissionPart.commission(ggr, stretch.rateBasisPoints())));
                }
            }
            return null;
        });
        List<SettlementLine> lines = new ArrayList<>();
        byCurrency.forEach((currency, ofCurrency) -> {
            long bets = fits(ofCurrency.stream().map(GgrReport.Line::betsMinor).reduce(BigInteger.ZERO, BigInteger::add));
            long wins = fits(ofCurrency.stream().map(GgrReport.Line::winsMinor).reduce(BigInteger.ZERO, BigInteger::add));
            long bonuses = fits(ofCurrency.stream().map(GgrReport.Line::bonusesMinor).reduce(BigInteger.ZERO, BigInteger::add));
            long ggr = fits(BigInteger.valueOf(bets).subtract(BigInteger.valueOf(wins)));
            long ngr = fits(BigInteger.valueOf(ggr).subtract(BigInteger.valueOf(bonuses)));
            long commission = fits(parts.get(currency).stream().map(part -> BigInteger.valueOf(part.commissionMinor()))
                    .reduce(BigInteger.ZERO, BigInteger::add));
            lines.add(new SettlementLine(currency, bets, wins, ggr, bonuses, ngr, commission, parts.get(currency)));
        });
        return lines;
    }
}
