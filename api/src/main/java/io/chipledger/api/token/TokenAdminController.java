package io.chipledger.api.token;

import io.chipledger.api.token.TokenRequests.BulkGrantRequest;
import io.chipledger.api.token.TokenRequests.PlayerGrant;
import io.chipledger.api.token.TokenRequests.TokenRequest;
import static io.chipledger.core.admin.AdminRole.OPS;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.api.wallet.WalletResponses;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.GrantTokensCommand;
import io.chipledger.core.wallet.RevokeTokensCommand;
import io.chipledger.core.wallet.TokenGrantBatchReceipt;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletReceipt;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' staff give game tokens to players and take them back, against the partner's promo
 * account; campaign payouts grant to many players at once, all or nothing. Admin keys with the
 * role {@code ops} only: a partner's API key cannot reach these endpoints.
 */
@RestController
@AdminAccess(OPS)
@RequestMapping("/admin/v1/partners/{partnerId}")
class TokenAdminController {

    private final WalletCommands commands;
    private final WalletResponses responses;
    private final AssetRegistry assets;
    private final KnownPartners partners;

    TokenAdminController(WalletCommands commands, WalletResponses responses, AssetRegistry assets, KnownPartners partners) {
        this.commands = commands;
        this.responses = responses;
        this.assets = assets;
        this.partners = partners;
    }

    record BulkGrantResponse(String transactionIdPartner, String tokenType, List<MoneyResponse> grants, long position,
                             Instant processedAt) {
    }

    @PostMapping("/wallets/{playerId}/token-grants")
    ResponseEntity<MoneyResponse> grantTokens(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                                        @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                        @RequestBody TokenRequest body, HttpServletRequest http) {
        return moveTokens(admin, partnerId, playerId, keyHeader, body, http, "token-grant", GrantTokensCommand::new);
    }

    @PostMapping("/wallets/{playerId}/token-revocations")
    ResponseEntity<MoneyResponse> revokeTokens(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                                         @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                         @RequestBody TokenRequest body, HttpServletRequest http) {
        return moveTokens(admin, partnerId, playerId, keyHeader, body, http, "token-revocation", RevokeTokensCommand::new);
    }

    /** The shape both token commands share. */
    private interface TokenCommand {
        Object of(WalletId wallet, String transactionId, String partnerTransactionId, String asset, long amountMinor, String reason,
                  String label);
    }

    private ResponseEntity<MoneyResponse> moveTokens(AdminPrincipal admin, String partnerId, String playerId, String keyHeader, TokenRequest body,
                                                     HttpServletRequest http, String operation, TokenCommand command) {
        WalletId wallet = WalletIds.of(partners.require(partnerId), playerId);
        AssetAmount tokens = assets.tokenAmount("token_type", body.tokenType(), body.amount());
        String reason = RequestFields.reason(body.reason());
        String label = RequestFields.optionalLabel(body.label());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return commands.send(WalletCommands.Origin.admin(admin, partnerId, http), key, wallet, operation, body,
                transactionId -> command.of(wallet, transactionId, key, tokens.asset(), tokens.amountMinor(), reason, label),
                responses.money());
    }

    /** Every player is granted, or, when one grant is refused, none is; the refusal names the player. */
    @PostMapping("/token-grants/bulk")
    ResponseEntity<BulkGrantResponse> grantTokensInBulk(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                                @RequestBody BulkGrantRequest body, HttpServletRequest http) {
        partners.require(partnerId);
        String tokenType = assets.requireToken("token_type", body.tokenType()).code();
        String reason = RequestFields.reason(body.reason());
        String label = RequestFields.optionalLabel(body.label());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        List<PlayerGrant> grants = body.grants();
        if (grants == null || grants.isEmpty() || grants.size() > TokenRequests.BULK_GRANT_PLAYERS_MAX) {
            throw new InvalidRequestException("grants", "a bulk grant names 1.." + TokenRequests.BULK_GRANT_PLAYERS_MAX + " players");
        }
        List<WalletId> wallets = new ArrayList<>();
        List<Function<String, Object>> grantCommands = new ArrayList<>();
        Set<String> players = new HashSet<>();
        for (int index = 0; index < grants.size(); index++) {
            PlayerGrant grant = grants.get(index);
            String field = "grants[" + index + "]";
            if (grant == null) {
                throw new InvalidRequestException(field, field + " must be a grant: {player_id, amount}");
            }
            WalletId wallet = walletOf(field, partnerId, grant.playerId());
            if (!players.add(wallet.playerId())) {
                throw new InvalidRequestException(field + ".player_id", "player " + wallet.playerId() + " is named twice; one grant per player");
            }
            long amountMinor = grantAmount(index, wallet, tokenType, grant.amount());
            wallets.add(wallet);
            grantCommands.add(transactionId -> new GrantTokensCommand(wallet, transactionId, key, tokenType, amountMinor, reason, label));
        }
        AnswerForm<BulkGrantResponse> answer = new AnswerForm<>(BulkGrantResponse.class, outcome -> {
            TokenGrantBatchReceipt batch = (TokenGrantBatchReceipt) outcome.receipt();
            return new BulkGrantResponse(key, tokenType,
                    batch.grants().stream().map(grant -> responses.money(grant, outcome.position(), outcome.processedAt())).toList(),
                    outcome.position(), outcome.processedAt());
        });
        try {
            return commands.sendAllOrNothing(WalletCommands.Origin.admin(admin, partnerId, http), key, "token-grant-bulk", body, grantCommands,
                    receipts -> new TokenGrantBatchReceipt(receipts.stream().map(WalletReceipt.class::cast).toList()), answer);
        } catch (BatchCommandRefusedException refused) {
            throw refusalNaming(wallets.get(refused.index()), refused.refusal());
        }
    }

    /** A grant's player; a refusal names the grant's field ({@code grants[3].player_id}). */
    private static WalletId walletOf(String field, String partnerId, String playerId) {
        try {
            return WalletIds.of(partnerId, playerId);
        } catch (InvalidRequestException refused) {
            throw new InvalidRequestException(field + "." + refused.field(), refused.getMessage());
        }
    }

    /** A grant's amount; a refusal names the grant and its player, so a 200-player campaign says which line is wrong. */
    private long grantAmount(int index, WalletId wallet, String tokenType, BigDecimal amount) {
        try {
            return assets.amount("token_type", tokenType, amount).amountMinor();
        } catch (AmountFormat.InvalidAmountException refused) {
            throw new AmountFormat.InvalidAmountException("grants[" + index + "] (player " + wallet.playerId() + "): " + refused.getMessage());
        }
    }

    private static RuntimeException refusalNaming(WalletId wallet, RuntimeException refusal) {
        if (refusal instanceof RuleViolation violation) {
            Map<String, Object> details = new HashMap<>(violation.details());
            details.put("player_id", wallet.playerId());
            return new RuleViolation(violation.rule(), "the grant to player " + wallet.playerId()
                    + " was refused, so no player was granted anything: " + violation.getMessage(), details);
        }
        return refusal;
    }
}
