package io.chipledger.api.purchase;

import io.chipledger.api.purchase.PurchaseRequests.PurchaseRequest;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.api.wallet.WalletResponses;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.MakePurchaseCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletReceipt;
import io.chipledger.projections.purchase.PurchaseHistoryProjection;
import io.chipledger.projections.purchase.PurchaseHistoryProjection.Purchase;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * Shop purchases: the price is debited to the partner's shop account and the answer carries a
 * receipt signed under the partner's secret, which the partner can check without asking us. A
 * retried purchase answers the same receipt.
 */
@RestController
@RequestMapping("/api/v1/wallets/{playerId}/purchases")
class PurchaseController {

    /** Items in one purchase. */
    static final int QUANTITY_MAX = 1_000;
    static final int PAGE_SIZE_DEFAULT = 50;

    private final WalletCommands commands;
    private final AssetRegistry assets;
    private final WalletResponses responses;
    private final ReceiptKeys receiptKeys;
    private final PurchaseHistoryProjection history;
    private final ConsistentReads consistentReads;

    PurchaseController(WalletCommands commands, AssetRegistry assets, WalletResponses responses, ReceiptKeys receiptKeys,
                       PurchaseHistoryProjection history, ConsistentReads consistentReads) {
        this.commands = commands;
        this.assets = assets;
        this.responses = responses;
        this.receiptKeys = receiptKeys;
        this.history = history;
        this.consistentReads = consistentReads;
    }

    record PurchaseResponse(@JsonUnwrapped MoneyResponse purchase, PurchaseReceipt receipt) {
    }

    record PurchaseView(String transactionId, String transactionIdPartner, String sku, int quantity, String currency, String amount,
                        long position, Instant purchasedAt) {
    }

    record PurchasePage(List<PurchaseView> purchases, Long nextCursor) {
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping
    ResponseEntity<PurchaseResponse> purchase(@AuthenticationPrincipal PartnerPrincipal partner,
                                              @PathVariable String playerId,
                                              @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                              @RequestBody PurchaseRequest body, HttpServletRequest http) {
        WalletId wallet = WalletIds.of(partner.partnerId(), playerId);
        String sku = RequestFields.gameId("sku", body.sku());
        int quantity = quantityOf(body.quantity());
        if (body.price() == null) {
            throw new InvalidRequestException("price", "price is required: {asset, amount}");
        }
        AssetAmount price = assets.amount("price.asset", body.price().asset(), body.price().amount());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        ReceiptKeys.SigningKey signingKey = receiptKeys.current(partner.partnerId())
                .orElseThrow(() -> new ReceiptKeyMissingException(partner.partnerId()));
        AnswerForm<PurchaseResponse> answer = new AnswerForm<>(PurchaseResponse.class, outcome -> {
            MoneyResponse money = responses.money((WalletReceipt) outcome.receipt(), outcome.position(), outcome.processedAt());
            return new PurchaseResponse(money, signed(wallet, money, key, sku, quantity, price, signingKey));
        });
        return commands.send(WalletCommands.Origin.of(partner, http), key, wallet, "purchase", body,
                transactionId -> new MakePurchaseCommand(wallet, transactionId, key, sku, quantity, price), answer);
    }

    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping
    PurchasePage purchases(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                           @RequestParam(required = false) Long cursor, @RequestParam(required = false) Integer limit,
                           @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        return page(WalletIds.of(partner.partnerId(), playerId), cursor, limit, consistentWith);
    }

    /**
     * A wallet's purchases, newest first, a page at a time: the partner's read above and the staff's
     * ({@code GET /admin/v1/partners/{partnerId}/wallets/{playerId}/purchases}) are this one query.
     */
    PurchasePage page(WalletId wallet, Long cursor, Integer limit, Long consistentWith) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PurchaseHistoryProjection.PAGE_SIZE_MAX);
        consistentReads.prepare(PurchaseHistoryProjection.GROUP, consistentWith, wallet.toString());
        List<Purchase> purchases = history.purchases(wallet, cursor, pageSize);
        Long nextCursor = purchases.size() == pageSize ? purchases.get(purchases.size() - 1).position() : null;
        return new PurchasePage(purchases.stream().map(this::view).toList(), nextCursor);
    }

    private PurchaseReceipt signed(WalletId wallet, MoneyResponse money, String key, String sku, int quantity, AssetAmount price,
                                   ReceiptKeys.SigningKey signingKey) {
        // Milliseconds: the time is signed as text, and a retry must show the very same text.
        String purchasedAt = DateTimeFormatter.ISO_INSTANT.format(money.processedAt().truncatedTo(ChronoUnit.MILLIS));
        PurchaseReceipt unsigned = new PurchaseReceipt(ReceiptSigner.VERSION, wallet.partnerId(), wallet.playerId(),
                money.transactionId(), key, sku, quantity, price.asset(), decimal(price), purchasedAt, signingKey.keyId(), null);
        return unsigned.signedWith(ReceiptSigner.signature(signingKey.secret(), ReceiptSigner.canonicalForm(unsigned)));
    }

    private PurchaseView view(Purchase purchase) {
        return new PurchaseView(purchase.transactionId(), purchase.partnerTransactionId(), purchase.sku(), purchase.quantity(),
                purchase.price().asset(), decimal(purchase.price()), purchase.position(), purchase.purchasedAt());
    }

    private String decimal(AssetAmount amount) {
        return AmountFormat.toDecimalString(amount.amountMinor(), assets.require(amount.asset()));
    }

    private static int quantityOf(Integer quantity) {
        if (quantity == null || quantity < 1 || quantity > QUANTITY_MAX) {
            throw new InvalidRequestException("quantity", "quantity must be 1.." + QUANTITY_MAX);
        }
        return quantity;
    }
}
