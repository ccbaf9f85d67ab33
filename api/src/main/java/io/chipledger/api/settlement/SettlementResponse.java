package io.chipledger.api.settlement;

import io.chipledger.api.report.CsvTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A settlement statement as issued: its figures never change; {@code superseded_by} names the
 * correction that replaced it, if any. Amounts are exact decimal strings of the currency.
 *
 * @param from the first day (UTC, inclusive); {@code to} the day after the last (exclusive)
 */
public record SettlementResponse(String statementId, String partnerId, String from, String to, String corrects, String supersededBy,
                                 String issuedAt, String issuedBy, List<StatementLine> lines) implements CsvTable {

    /**
     * One currency: {@code ggr = bets - wins}, {@code ngr = ggr - bonuses}, and {@code commission},
     * the commission on GGR at the rates in force (one part per rate), which is the amount due
     * under the partner's agreement (negative when the players won: a credit).
     */
    public record StatementLine(String currency, String bets, String wins, String ggr, String bonuses, String ngr, String commission,
                       List<StatementPart> commissionParts) {
    }

    /** One stretch of the period at one rate ({@code commission_rate} a fraction, e.g. {@code "0.0500"}). */
    public record StatementPart(String from, String to, String commissionRate, String ggr, String commission) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("statement_id", "partner_id", "from", "to", "currency", "bets", "wins", "ggr", "bonuses", "ngr", "commission");
    }

    @Override
    public List<List<String>> csvRows() {
        List<List<String>> rows = new ArrayList<>();
        for (StatementLine line : lines) {
            rows.add(List.of(statementId, partnerId, from, to, line.currency(), line.bets(), line.wins(), line.ggr(), line.bonuses(),
                    line.ngr(), line.commission()));
        }
        return rows;
    }
}
