package io.chipledger.api.purchase;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.security.ConsoleAccess;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The purchases section of the console's player page (issue 21, support): the player's shop
 * purchases, newest first, a page at a time, from {@link PurchaseAdminController} (the API's default
 * page size; {@code cursor} is the page's {@code next_cursor}; prices in the asset's decimal text).
 */
@ConsoleController
class PlayerPurchasesConsoleController {

    private final PurchaseAdminController purchases;

    PlayerPurchasesConsoleController(PurchaseAdminController purchases) {
        this.purchases = purchases;
    }

    /** The fragment that fills the purchases section. */
    @GetMapping("/console/players/{partnerId}/{playerId}/purchases")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/wallets/{playerId}/purchases")
    String purchases(@PathVariable String partnerId, @PathVariable String playerId, @RequestParam(required = false) Long cursor,
                     Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("cursor", cursor);
        model.addAttribute("purchases", purchases.purchasesForStaff(partnerId, playerId, cursor, null));
        return "console/player-parts :: purchases";
    }
}
