package io.chipledger.api.wallet;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsolePaging;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.api.wallet.PlayerWalletsController.PartnerWallet;
import io.chipledger.api.wallet.PlayerWalletsController.PlayerWallets;
import io.chipledger.api.wallet.WalletResponses.BalanceView;
import io.chipledger.api.wallet.WalletResponses.TransactionPage;
import io.chipledger.api.wallet.WalletResponses.TransactionView;
import io.chipledger.projections.history.WalletTransactionProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's support pages for a player (issue 21; docs/console.md, "Support"): find a player id
 * across partners (its wallets and balances, with paging and CSV), then one partner's player: the
 * balances, and the history with rounds (paging, CSV) as an htmx fragment. The plays, purchases,
 * activity and segment fragments of the same page are served from their own packages
 * ({@code Player*ConsoleController}). Each handler calls the admin API's handler for the same read
 * ({@link PlayerWalletsController}, {@link WalletAdminController}), so the checks, the query and the
 * refusals are the API's; amounts are the API's decimal text of each asset.
 */
@ConsoleController
class PlayerConsoleController {

    /** A player's wallets read for one search: a player id under more partners than this is not a support case. */
    static final int SEARCH_SCAN_MAX = 2_000;
    /** Lines of history one CSV export holds, newest first (the history's own page is at most 200). */
    static final int HISTORY_EXPORT_MAX = 5_000;

    private final PlayerWalletsController players;
    private final WalletAdminController wallets;

    PlayerConsoleController(PlayerWalletsController players, WalletAdminController wallets) {
        this.players = players;
        this.wallets = wallets;
    }

    /**
     * The wallets of player id {@code player} under every partner (or only {@code partner}), by
     * partner id, {@value ConsolePaging#PAGE_SIZE} a page. No player given: the search form alone. A malformed
     * player id is the API's 400.
     */
    @GetMapping("/console/players")
    @ConsoleMenu(section = Section.SUPPORT, title = "Players", order = 1)
    @ConsoleAccess("GET /admin/v1/players/{playerId}/wallets")
    String list(@RequestParam(defaultValue = "") String player, @RequestParam(defaultValue = "") String partner,
                @RequestParam(defaultValue = "0") long page, Model model) {
        ConsolePaging<PartnerWallet> shown = ConsolePaging.of(search(player, partner), page);
        model.addAttribute("player", player.strip());
        model.addAttribute("partner", partner.strip());
        model.addAttribute("searched", !player.isBlank());
        model.addAttribute("page", shown.page());
        model.addAttribute("total", shown.total());
        model.addAttribute("wallets", shown.rows());
        model.addAttribute("hasNext", shown.hasNext());
        return "console/players";
    }

    /** The same search as CSV: one row per wallet and asset (a wallet without balances: one row, no asset). */
    @GetMapping("/console/players.csv")
    @ConsoleAccess("GET /admin/v1/players/{playerId}/wallets")
    ResponseEntity<CsvTable> export(@RequestParam(defaultValue = "") String player, @RequestParam(defaultValue = "") String partner) {
        List<List<String>> rows = new ArrayList<>();
        for (PartnerWallet wallet : search(player, partner)) {
            if (wallet.balances().isEmpty()) {
                rows.add(List.of(wallet.partnerId(), player.strip(), wallet.status(), "", "", ""));
            }
            for (Map.Entry<String, BalanceView> balance : wallet.balances().entrySet()) {
                rows.add(List.of(wallet.partnerId(), player.strip(), wallet.status(), balance.getKey(), balance.getValue().available(),
                        balance.getValue().reserved()));
            }
        }
        return ConsoleCsv.download("player-wallets", List.of("partner_id", "player_id", "status", "currency", "available", "reserved"), rows);
    }

    /** One partner's player: status and balances; the page loads its history, plays, purchases, activity and segment as fragments. */
    @GetMapping("/console/players/{partnerId}/{playerId}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/wallets/{playerId}")
    String player(@PathVariable String partnerId, @PathVariable String playerId, Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("wallet", wallets.walletForStaff(partnerId, playerId));
        return "console/player";
    }

    /**
     * The wallet's history, newest first, {@code limit} lines a page (the API's default and bounds):
     * type, amount and balance after per asset, game and round, the partner's transaction ids.
     * {@code cursor} is the page's {@code next_cursor}. Answers the fragment that replaces the history.
     */
    @GetMapping("/console/players/{partnerId}/{playerId}/transactions")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/wallets/{playerId}/transactions")
    String transactions(@PathVariable String partnerId, @PathVariable String playerId, @RequestParam(required = false) Long cursor,
                        Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("cursor", cursor);
        model.addAttribute("history", wallets.transactionsForStaff(partnerId, playerId, null, null, cursor));
        return "console/player-parts :: transactions";
    }

    /** The whole history as CSV, newest first, up to {@value #HISTORY_EXPORT_MAX} lines. */
    @GetMapping("/console/players/{partnerId}/{playerId}/transactions.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/wallets/{playerId}/transactions")
    ResponseEntity<CsvTable> exportTransactions(@PathVariable String partnerId, @PathVariable String playerId) {
        List<List<String>> rows = new ArrayList<>();
        Long cursor = null;
        do {
            TransactionPage page = wallets.transactionsForStaff(partnerId, playerId, null, WalletTransactionProjection.PAGE_SIZE_MAX, cursor);
            for (TransactionView line : page.transactions()) {
                rows.add(csv(line));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < HISTORY_EXPORT_MAX);
        return ConsoleCsv.download("history-" + partnerId + "-" + playerId, List.of("occurred_at", "type", "currency", "amount",
                "balance_after", "reserved_change", "reserved_after", "game_id", "round_id", "transaction_id", "transaction_id_partner",
                "reference_transaction_id_partner", "reason", "label", "position"), rows);
    }

    private static List<String> csv(TransactionView line) {
        return List.of(text(line.occurredAt()), text(line.type()), text(line.currency()), text(line.amount()), text(line.balanceAfter()),
                text(line.reservedChange()), text(line.reservedAfter()), text(line.gameId()), text(line.roundId()),
                text(line.transactionId()), text(line.transactionIdPartner()), text(line.referenceTransactionIdPartner()),
                text(line.reason()), text(line.label()), text(line.position()));
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    private List<PartnerWallet> search(String player, String partner) {
        if (player.isBlank()) {
            return List.of();
        }
        String onlyPartner = partner.strip();
        List<PartnerWallet> found = new ArrayList<>();
        String cursor = null;
        int read = 0;
        do {
            PlayerWallets page = players.playerWallets(player.strip(), cursor, PlayerWalletsController.PAGE_SIZE_MAX);
            for (PartnerWallet wallet : page.wallets()) {
                if (onlyPartner.isEmpty() || onlyPartner.equals(wallet.partnerId())) {
                    found.add(wallet);
                }
            }
            read += page.wallets().size();
            cursor = page.nextCursor();
        } while (cursor != null && read < SEARCH_SCAN_MAX);
        return found;
    }
}
