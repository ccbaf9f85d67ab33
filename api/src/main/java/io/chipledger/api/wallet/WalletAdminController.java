package io.chipledger.api.wallet;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.WalletRequests.AdjustmentRequest;
import io.chipledger.api.wallet.WalletRequests.FreezeRequest;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.api.wallet.WalletResponses.TransactionPage;
import io.chipledger.api.wallet.WalletResponses.WalletResponse;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.wallet.AdjustBalanceCommand;
import io.chipledger.core.wallet.FreezeWalletCommand;
import io.chipledger.core.wallet.UnfreezeWalletCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.wallet.WalletBalanceProjection.SystemAccountBalance;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' staff act on any wallet of a partner: corrections and freezes ({@code ops}), and read
 * wallets, their history and the partner's system accounts ({@code super}, {@code ops}, {@code support}).
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}")
class WalletAdminController {

    private final WalletCommands commands;
    private final WalletResponses responses;
    private final AssetRegistry assets;
    private final WalletBalanceProjection balances;
    private final KnownPartners partners;
    private final RebuildingProjections rebuilding;
    private final WalletController wallets;

    WalletAdminController(WalletCommands commands, WalletResponses responses, AssetRegistry assets, WalletBalanceProjection balances,
                          KnownPartners partners, RebuildingProjections rebuilding, WalletController wallets) {
        this.commands = commands;
        this.responses = responses;
        this.assets = assets;
        this.balances = balances;
        this.partners = partners;
        this.rebuilding = rebuilding;
        this.wallets = wallets;
    }

    record SystemAccountView(String account, String currency, String balance) {
    }

    /** A signed amount: positive credits the player, negative debits (never below zero). */
    @PostMapping("/wallets/{playerId}/adjustments")
    @AdminAccess(OPS)
    ResponseEntity<MoneyResponse> adjustBalance(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                                         @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                         @RequestBody AdjustmentRequest body, HttpServletRequest http) {
        WalletId wallet = WalletIds.of(partners.require(partnerId), playerId);
        Asset asset = assets.requested("currency", body.currency());
        BigDecimal amount = body.amount();
        long magnitude = AmountFormat.toMinorUnits(amount == null ? null : amount.abs(), asset);
        long signed = amount.signum() < 0 ? -magnitude : magnitude;
        String reason = RequestFields.reason(body.reason());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return commands.send(WalletCommands.Origin.admin(admin, partnerId, http), key, wallet, "adjustment", body,
                transactionId -> new AdjustBalanceCommand(wallet, transactionId, key, asset.code(), signed, reason), responses.money());
    }

    @PostMapping("/wallets/{playerId}/freeze")
    @AdminAccess(OPS)
    ResponseEntity<MoneyResponse> freezeWallet(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                                         @RequestHeader(RequestFields.IDEMPOTENCY_KEY_HEADER) String keyHeader,
                                         @RequestBody FreezeRequest body, HttpServletRequest http) {
        return changeStatus(admin, partnerId, playerId, keyHeader, body, http, "freeze", FreezeWalletCommand::new);
    }

    @PostMapping("/wallets/{playerId}/unfreeze")
    @AdminAccess(OPS)
    ResponseEntity<MoneyResponse> unfreezeWallet(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                                           @RequestHeader(RequestFields.IDEMPOTENCY_KEY_HEADER) String keyHeader,
                                           @RequestBody FreezeRequest body, HttpServletRequest http) {
        return changeStatus(admin, partnerId, playerId, keyHeader, body, http, "unfreeze", UnfreezeWalletCommand::new);
    }

    @GetMapping("/wallets/{playerId}")
    @AdminAccess({SUPER, OPS, SUPPORT})
    WalletResponse walletForStaff(@PathVariable String partnerId, @PathVariable String playerId) {
        WalletId wallet = WalletIds.of(partners.require(partnerId), playerId);
        rebuilding.requireServing(WalletBalanceProjection.GROUP);
        return responses.wallet(balances.wallet(wallet).orElseThrow(() -> new UnknownWalletException(wallet)));
    }

    /**
     * The wallet's history for operators' staff (support reading a player's rounds): the partner's
     * {@code GET /api/v1/wallets/{playerId}/transactions}, the same query and page, for any partner.
     * Newest first; {@code cursor} is the {@code next_cursor} of the page before; amounts are the
     * asset's decimal text. A player without a wallet has an empty history.
     */
    @GetMapping("/wallets/{playerId}/transactions")
    @AdminAccess({SUPER, OPS, SUPPORT})
    TransactionPage transactionsForStaff(@PathVariable String partnerId, @PathVariable String playerId,
                                         @RequestParam(required = false) String currency, @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) Long cursor) {
        WalletId wallet = WalletIds.of(partners.require(partnerId), playerId);
        return wallets.history(wallet, currency, limit, cursor, null);
    }

    @GetMapping("/system-accounts")
    @AdminAccess({SUPER, OPS, SUPPORT})
    List<SystemAccountView> systemAccounts(@PathVariable String partnerId) {
        String partner = partners.require(partnerId);
        rebuilding.requireServing(WalletBalanceProjection.GROUP);
        return balances.systemAccounts(partner).stream()
                .map((SystemAccountBalance account) -> new SystemAccountView(account.account(), account.asset(),
                        AmountFormat.toDecimalString(account.balanceMinor(), assets.require(account.asset()))))
                .toList();
    }

    private ResponseEntity<MoneyResponse> changeStatus(AdminPrincipal admin, String partnerId, String playerId, String keyHeader, FreezeRequest body,
                                                       HttpServletRequest http, String operation,
                                                       BiFunction<WalletId, String, Object> command) {
        WalletId wallet = WalletIds.of(partners.require(partnerId), playerId);
        String reason = RequestFields.reason(body.reason());
        String key = RequestFields.idempotencyKey(null, keyHeader);
        return commands.send(WalletCommands.Origin.admin(admin, partnerId, http), key, wallet, operation, body,
                transactionId -> command.apply(wallet, reason), responses.money());
    }
}
