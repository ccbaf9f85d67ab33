package io.chipledger.api.purchase;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.purchase.PurchaseController.PurchasePage;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.wallet.WalletIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' staff read a player's shop purchases under any partner (support answering a player's question). */
@RestController
class PurchaseAdminController {

    private final PurchaseController purchases;
    private final KnownPartners partners;

    PurchaseAdminController(PurchaseController purchases, KnownPartners partners) {
        this.purchases = purchases;
        this.partners = partners;
    }

    /**
     * The partner's {@code GET /api/v1/wallets/{playerId}/purchases}, the same query and page, for
     * staff: newest first, {@code cursor} the {@code next_cursor} of the page before, prices as the
     * asset's decimal text. A player who bought nothing has an empty list.
     */
    @GetMapping("/admin/v1/partners/{partnerId}/wallets/{playerId}/purchases")
    @AdminAccess({SUPER, OPS, SUPPORT})
    PurchasePage purchasesForStaff(@PathVariable String partnerId, @PathVariable String playerId,
                                   @RequestParam(required = false) Long cursor, @RequestParam(required = false) Integer limit) {
        return purchases.page(WalletIds.of(partners.require(partnerId), playerId), cursor, limit, null);
    }
}
