package io.chipledger.core.settlement;

import java.util.List;

/**
 * One currency of a statement, in its minor units: {@code bets} (net of rollbacks), {@code wins},
 * {@code ggr = bets - wins}, {@code bonuses}, {@code ngr = ggr - bonuses}, and the commission on
 * GGR, the sum of its parts (one per rate in force during the period).
 */
public record SettlementLine(String currency, long betsMinor, long winsMinor, long ggrMinor, long bonusesMinor, long ngrMinor,
                             long commissionMinor, List<CommissionPart> commissionParts) {

    public SettlementLine {
        commissionParts = List.copyOf(commissionParts);
    }
}
