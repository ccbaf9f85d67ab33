package io.chipledger.api.wallet;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.input.StrictDecimalDeserializer;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.security.ConsoleAccessRules;
import io.chipledger.api.wallet.WalletRequests.AdjustmentRequest;
import io.chipledger.api.wallet.WalletRequests.FreezeRequest;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's wallet operations (issue 21; docs/console.md, "Operations"): one player's wallet at
 * a partner, its status and balances per asset (decimal strings in the asset's units, as the API
 * answers them), and the ops actions on it, each with a required reason kept in the event: a balance
 * adjustment (a signed amount: positive credits, negative debits, never below zero), freeze and
 * unfreeze. Each handler calls {@link WalletAdminController}'s handler, so checks, commands, the
 * actor ({@code admin-key:<id>}) and refusals are the API's.
 *
 * <p>Each form carries an idempotency key minted when the form is drawn: a form sent twice (a double
 * click, a retried request) is one command, answered the second time from the first outcome. The
 * section drawn after a change carries fresh keys for the next one.
 */
@ConsoleController
class WalletConsoleController {

    private final WalletAdminController wallets;
    private final ConsistentReads consistentReads;
    private final ConsoleAccessRules rules;

    WalletConsoleController(WalletAdminController wallets, ConsistentReads consistentReads, ConsoleAccessRules rules) {
        this.wallets = wallets;
        this.consistentReads = consistentReads;
        this.rules = rules;
    }

    /**
     * The search form (partner id, player id), and with both given the wallet and the actions the
     * admin's roles allow. Fronts {@code GET /admin/v1/partners/{partnerId}/wallets/{playerId}}: an
     * unknown partner or wallet is its 404, a wallet projection being rebuilt its 503.
     */
    @GetMapping("/console/wallets")
    @ConsoleMenu(section = Section.OPERATIONS, title = "Wallets", order = 2)
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/wallets/{playerId}")
    String wallet(@AuthenticationPrincipal AdminPrincipal admin, @RequestParam(name = "partner_id", defaultValue = "") String partnerId,
                  @RequestParam(name = "player_id", defaultValue = "") String playerId, Model model) {
        String partner = partnerId.strip();
        String player = playerId.strip();
        model.addAttribute("partnerId", partner);
        model.addAttribute("playerId", player);
        if (!partner.isEmpty() && !player.isEmpty()) {
            model.addAttribute("wallet", wallets.walletForStaff(partner, player));
            offers(admin, model);
        }
        return "console/wallet";
    }

    /**
     * Adjusts one asset's balance by {@code amount} (a signed decimal in the asset's units, e.g.
     * {@code -5.00}), with a reason. Fronts {@code POST /admin/v1/partners/{partnerId}/wallets/{playerId}/adjustments}:
     * a bad amount or currency, or a debit below zero, is its problem (400, 409, 422).
     */
    @PostMapping("/console/wallets/{partnerId}/{playerId}/adjustments")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/adjustments")
    String adjust(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                  @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String currency,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(name = "idempotency_key") String idempotencyKey,
                  HttpServletRequest http, Model model) {
        MoneyResponse done = wallets.adjustBalance(admin, partnerId, playerId, idempotencyKey,
                new AdjustmentRequest(StrictDecimalDeserializer.parse("amount", amount), currency, reason, null), http).getBody();
        model.addAttribute("notice", "Adjusted " + currency + " by " + amount.strip() + ": balance " + done.balance()
                + " (transaction " + done.transactionId() + ").");
        return section(admin, partnerId, playerId, done, model);
    }

    /** Freezes the wallet (it refuses bets and withdrawals until unfrozen), with a reason. Fronts {@code POST …/wallets/{playerId}/freeze}. */
    @PostMapping("/console/wallets/{partnerId}/{playerId}/freeze")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/freeze")
    String freeze(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(name = "idempotency_key") String idempotencyKey,
                  HttpServletRequest http, Model model) {
        MoneyResponse done = wallets.freezeWallet(admin, partnerId, playerId, idempotencyKey, new FreezeRequest(reason), http).getBody();
        model.addAttribute("notice", "Wallet frozen.");
        return section(admin, partnerId, playerId, done, model);
    }

    /** Unfreezes the wallet, with a reason. Fronts {@code POST …/wallets/{playerId}/unfreeze}. */
    @PostMapping("/console/wallets/{partnerId}/{playerId}/unfreeze")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/wallets/{playerId}/unfreeze")
    String unfreeze(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String playerId,
                    @RequestParam(defaultValue = "") String reason, @RequestParam(name = "idempotency_key") String idempotencyKey,
                    HttpServletRequest http, Model model) {
        MoneyResponse done = wallets.unfreezeWallet(admin, partnerId, playerId, idempotencyKey, new FreezeRequest(reason), http).getBody();
        model.addAttribute("notice", "Wallet unfrozen.");
        return section(admin, partnerId, playerId, done, model);
    }

    /**
     * The wallet section re-read after a change, with the notice and fresh idempotency keys. The read
     * waits, as the API's {@code consistent_with} does, until the balance projection holds the change
     * (at most {@code chipledger.consistency-wait}; longer is the API's 503), so the page shows it.
     */
    private String section(AdminPrincipal admin, String partnerId, String playerId, MoneyResponse done, Model model) {
        consistentReads.await(WalletBalanceProjection.GROUP, done.position(), WalletIds.of(partnerId, playerId).toString());
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("wallet", wallets.walletForStaff(partnerId, playerId));
        offers(admin, model);
        return "console/wallet :: wallet";
    }

    /** The actions the admin's roles pass ({@code may}, by handler name), each form with its own new idempotency key. */
    private void offers(AdminPrincipal admin, Model model) {
        model.addAttribute("may", rules.actions(WalletConsoleController.class, admin.roles()));
        model.addAttribute("keys", Map.of("adjust", "console-" + UUID.randomUUID(), "status", "console-" + UUID.randomUUID()));
    }
}
