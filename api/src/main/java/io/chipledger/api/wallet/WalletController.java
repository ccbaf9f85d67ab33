package io.chipledger.api.wallet;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.Echo;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.WalletRequests.BetRequest;
import io.chipledger.api.wallet.WalletRequests.DepositRequest;
import io.chipledger.api.wallet.WalletRequests.RollbackRequest;
import io.chipledger.api.wallet.WalletRequests.WinRequest;
import io.chipledger.api.wallet.WalletRequests.WithdrawalDecisionRequest;
import io.chipledger.api.wallet.WalletRequests.WithdrawalRequest;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.api.wallet.WalletResponses.TransactionPage;
import io.chipledger.api.wallet.WalletResponses.WalletResponse;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.wallet.ApproveWithdrawalCommand;
import io.chipledger.core.wallet.ReleaseWithdrawalCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WithdrawalRelease;
import io.chipledger.projections.history.WalletTransactionProjection;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
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
 * The seamless-wallet API for a partner's backend. Each money endpoint checks the request,
 * turns it into one command and answers the wallet's balances straight from the aggregate;
 * the two reads come from projections and can wait for the caller's own writes.
 */
@RestController
@RequestMapping("/api/v1/wallets/{playerId}")
class WalletController {

    static final int HISTORY_PAGE_SIZE_DEFAULT = 50;

    private final WalletCommands commands;
    private final MoneyCommands money;
    private final WalletResponses responses;
    private final AssetRegistry assets;
    private final ConsistentReads consistentReads;
    private final WalletBalanceProjection balances;
    private final WalletTransactionProjection history;

    WalletController(WalletCommands commands, MoneyCommands money, WalletResponses responses, AssetRegistry assets,
                     ConsistentReads consistentReads, WalletBalanceProjection balances, WalletTransactionProjection history) {
        this.commands = commands;
        this.money = money;
        this.responses = responses;
        this.assets = assets;
        this.consistentReads = consistentReads;
        this.balances = balances;
        this.history = history;
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/deposits")
    ResponseEntity<MoneyResponse> deposit(@AuthenticationPrincipal PartnerPrincipal partner,
                                          @PathVariable String playerId,
                                          @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                          @RequestBody DepositRequest body, HttpServletRequest http) {
        return commands.send(WalletCommands.Origin.of(partner, http), money.deposit(partner, playerId, keyHeader, body), responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/withdrawals")
    ResponseEntity<MoneyResponse> withdraw(@AuthenticationPrincipal PartnerPrincipal partner,
                                           @PathVariable String playerId,
                                           @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                           @RequestBody WithdrawalRequest body, HttpServletRequest http) {
        return commands.send(WalletCommands.Origin.of(partner, http), money.withdrawal(partner, playerId, keyHeader, body), responses.money());
    }

    /** Decides a two-phase withdrawal: {@code approve} pays it out, {@code reject} or {@code cancel} release it. */
    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/withdrawals/{withdrawalId}/{decision}")
    ResponseEntity<MoneyResponse> decideWithdrawal(@AuthenticationPrincipal PartnerPrincipal partner,
                                                   @PathVariable String playerId, @PathVariable String withdrawalId,
                                                   @PathVariable String decision,
                                                   @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                                   @RequestBody(required = false) WithdrawalDecisionRequest body,
                                                   HttpServletRequest http) {
        WalletId wallet = walletOf(partner, playerId);
        String withdrawal = RequestFields.transactionId("withdrawal_id", withdrawalId);
        String key = RequestFields.idempotencyKey(body == null ? null : body.transactionIdPartner(), keyHeader);
        Function<String, Object> command = switch (decision) {
            case "approve" -> transactionId -> new ApproveWithdrawalCommand(wallet, transactionId, key, withdrawal);
            case "reject" -> transactionId -> new ReleaseWithdrawalCommand(wallet, transactionId, key, withdrawal, WithdrawalRelease.REJECTED);
            case "cancel" -> transactionId -> new ReleaseWithdrawalCommand(wallet, transactionId, key, withdrawal, WithdrawalRelease.CANCELLED);
            default -> throw new InvalidRequestException("decision", "a withdrawal is approved, rejected or cancelled, not " + Echo.of(decision));
        };
        return commands.send(WalletCommands.Origin.of(partner, http), key, wallet, decision + "-withdrawal:" + withdrawal, body, command,
                responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/bets")
    ResponseEntity<MoneyResponse> bet(@AuthenticationPrincipal PartnerPrincipal partner,
                                      @PathVariable String playerId,
                                      @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                      @RequestBody BetRequest body, HttpServletRequest http) {
        return commands.send(WalletCommands.Origin.of(partner, http), money.bet(partner, playerId, keyHeader, body), responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/wins")
    ResponseEntity<MoneyResponse> win(@AuthenticationPrincipal PartnerPrincipal partner,
                                      @PathVariable String playerId,
                                      @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                      @RequestBody WinRequest body, HttpServletRequest http) {
        return commands.send(WalletCommands.Origin.of(partner, http), money.win(partner, playerId, keyHeader, body), responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/rollbacks")
    ResponseEntity<MoneyResponse> rollback(@AuthenticationPrincipal PartnerPrincipal partner,
                                           @PathVariable String playerId,
                                           @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                           @RequestBody RollbackRequest body, HttpServletRequest http) {
        return commands.send(WalletCommands.Origin.of(partner, http), money.rollback(partner, playerId, keyHeader, body), responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping
    WalletResponse getWallet(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                          @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        WalletId wallet = walletOf(partner, playerId);
        consistentReads.prepare(WalletBalanceProjection.GROUP, consistentWith, wallet.toString());
        return responses.wallet(balances.wallet(wallet).orElseThrow(() -> new UnknownWalletException(wallet)));
    }

    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping("/transactions")
    TransactionPage transactions(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                                 @RequestParam(required = false) String currency,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) Long cursor,
                                 @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        return history(walletOf(partner, playerId), currency, limit, cursor, consistentWith);
    }

    /**
     * A wallet's history, newest first, a page at a time: the partner's read above and the staff's
     * ({@code GET /admin/v1/partners/{partnerId}/wallets/{playerId}/transactions}) are this one query.
     */
    TransactionPage history(WalletId wallet, String currency, Integer limit, Long cursor, Long consistentWith) {
        String asset = currency == null ? null : assets.requested("currency", currency).code();
        int pageSize = RequestFields.pageSize(limit, HISTORY_PAGE_SIZE_DEFAULT, WalletTransactionProjection.PAGE_SIZE_MAX);
        consistentReads.prepare(WalletTransactionProjection.GROUP, consistentWith, wallet.toString());
        return responses.page(history.history(wallet, asset, cursor, pageSize), pageSize);
    }

    static WalletId walletOf(PartnerPrincipal partner, String playerId) {
        return WalletIds.of(partner.partnerId(), playerId);
    }
}
