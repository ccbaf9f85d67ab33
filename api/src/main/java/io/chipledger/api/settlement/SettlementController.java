package io.chipledger.api.settlement;

import static io.chipledger.core.admin.AdminRole.AUDITOR;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.settlement.CommissionPart;
import io.chipledger.projections.settlement.SettlementStatementProjection.StatementView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Settlement statements (issue 14): {@code ops} issue one per partner and period, its figures frozen
 * in an event ({@link Settlements} has the rules); {@code ops} and {@code auditor} read them, as JSON
 * or CSV. Errors: 400 {@code invalid-request} (a missing field, a bad or unended period, a
 * correction of another partner or period), 404 {@code unknown-partner} or {@code unknown-settlement},
 * 409 {@code settlement-period-overlaps} or {@code settlement-superseded}, 503 {@code analytics-off},
 * {@code analytics-unavailable} or {@code analytics-behind} (ClickHouse does not hold the period yet).
 */
@RestController
@RequestMapping("/admin/v1/settlements")
class SettlementController {

    private final Settlements settlements;
    private final AssetRegistry assets;

    SettlementController(Settlements settlements, AssetRegistry assets) {
        this.settlements = settlements;
        this.assets = assets;
    }

    @Operation(operationId = "issueSettlement", summary = "Issue a partner's settlement statement for [from, to), or a correction of one")
    @AdminAccess({SUPER, OPS})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SettlementResponse issueSettlement(@AuthenticationPrincipal AdminPrincipal admin, @RequestBody SettlementRequest body,
                                       HttpServletRequest http) {
        String partnerId = body == null ? null : body.partnerId();
        return response(settlements.issue(Origin.admin(admin, partnerId, http), body));
    }

    @Operation(operationId = "settlement", summary = "A settlement statement, as issued")
    @AdminAccess({SUPER, OPS, AUDITOR})
    @GetMapping("/{statementId}")
    SettlementResponse settlement(@PathVariable String statementId) {
        return response(settlements.statement("statement_id", statementId));
    }

    private SettlementResponse response(StatementView statement) {
        return new SettlementResponse(statement.statementId(), statement.partnerId(), statement.from().toString(), statement.to().toString(),
                statement.corrects(), statement.supersededBy(), statement.issuedAt().toString(), statement.issuedBy(),
                statement.lines().stream().map(line -> {
                    Asset currency = assets.require(line.currency());
                    return new SettlementResponse.StatementLine(line.currency(), money(line.betsMinor(), currency), money(line.winsMinor(), currency),
                            money(line.ggrMinor(), currency), money(line.bonusesMinor(), currency), money(line.ngrMinor(), currency),
                            money(line.commissionMinor(), currency), line.commissionParts().stream().map(part -> part(part, currency)).toList());
                }).toList());
    }

    private static SettlementResponse.StatementPart part(CommissionPart part, Asset currency) {
        return new SettlementResponse.StatementPart(part.from().toString(), part.to().toString(),
                BigDecimal.valueOf(part.rateBasisPoints(), 4).toPlainString(), money(part.ggrMinor(), currency),
                money(part.commissionMinor(), currency));
    }

    private static String money(long minor, Asset currency) {
        return AmountFormat.toDecimalString(minor, currency);
    }
}
