package io.chipledger.api.wallet;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.wallet.WalletResponses.BalanceView;
import io.chipledger.api.wallet.WalletResponses.WalletResponse;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import io.chipledger.projections.wallet.WalletBalanceProjection.WalletView;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A player id across partners, for operators' staff (support finding a player who names no
 * partner): a player id is the partner's own, so one id can have a wallet under several partners.
 */
@RestController
class PlayerWalletsController {

    static final int PAGE_SIZE_DEFAULT = 50;
    static final int PAGE_SIZE_MAX = 200;

    private final WalletBalanceProjection balances;
    private final WalletResponses responses;
    private final RebuildingProjections rebuilding;

    PlayerWalletsController(WalletBalanceProjection balances, WalletResponses responses, RebuildingProjections rebuilding) {
        this.balances = balances;
        this.responses = responses;
        this.rebuilding = rebuilding;
    }

    /** One partner's wallet of the player: its status and balances (decimal text of each asset), as {@code walletForStaff} answers. */
    record PartnerWallet(String partnerId, String status, Map<String, BalanceView> balances) {
    }

    /** The player's wallets by partner id; {@code next_cursor} asks for the next page (null: the last). */
    record PlayerWallets(String playerId, List<PartnerWallet> wallets, String nextCursor) {
    }

    /**
     * The partners where the player id has a wallet, by partner id, a page at a time ({@code limit}
     * 1-200, 50 by default; {@code cursor} is the {@code next_cursor} of the page before), each with
     * the wallet's status and balances from the balances read model. No wallet anywhere: an empty list.
     */
    @GetMapping("/admin/v1/players/{playerId}/wallets")
    @AdminAccess({SUPER, OPS, SUPPORT})
    PlayerWallets playerWallets(@PathVariable String playerId, @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) Integer limit) {
        String player = WalletIds.playerId(playerId);
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
        if (cursor != null && !KnownPartners.PARTNER_ID.matcher(cursor).matches()) {
            throw new InvalidRequestException("cursor", "cursor must be a partner id: p_ and 16 hex digits");
        }
        rebuilding.requireServing(WalletBalanceProjection.GROUP);
        Pages.Page<WalletView> page = Pages.of(balances.walletsOfPlayer(player, cursor, pageSize + 1), pageSize, WalletView::partnerId);
        return new PlayerWallets(player, page.rows().stream().map(this::wallet).toList(), page.nextCursor());
    }

    private PartnerWallet wallet(WalletView view) {
        WalletResponse wallet = responses.wallet(view);
        return new PartnerWallet(view.partnerId(), wallet.status(), wallet.balances());
    }
}
