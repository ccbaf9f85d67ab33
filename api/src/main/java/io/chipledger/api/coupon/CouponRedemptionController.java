package io.chipledger.api.coupon;

import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.partner.ApiScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's backend redeems a coupon code for one of its players (issue 20; scope
 * {@code wallet:write}, as every credit). Answers 201 with what was granted and the wallet's
 * balances after, 200 with the same answer for a retried key. Errors: 400 {@code invalid-request}
 * (a code outside its grammar), 404 {@code unknown-coupon} (also for another partner's code), 409
 * {@code coupon-disabled}, {@code coupon-expired} or {@code idempotency-key-reused}, 422
 * {@code coupon-used-up}, {@code coupon-player-limit}, {@code player-not-in-coupon-segment},
 * {@code coupon-nothing-to-pay-back}, 423 {@code wallet-frozen}, 429 {@code coupon-attempts-limited}.
 */
@RestController
class CouponRedemptionController {

    private final CouponRedemptions redemptions;

    CouponRedemptionController(CouponRedemptions redemptions) {
        this.redemptions = redemptions;
    }

    @Operation(operationId = "redeemCoupon", summary = "Redeem a coupon code for the player: its use and its reward from the promo "
            + "account in one step")
    @ApiResponse(responseCode = "201", description = "Redeemed: what was granted and the wallet's balances after", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "A retry with the same key and request: the first answer again, with "
            + "Idempotent-Replayed: true", useReturnTypeSchema = true)
    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/api/v1/players/{playerId}/coupon-redemptions")
    ResponseEntity<CouponResponses.RedemptionResponse> redeemCoupon(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                                                                     @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                                                     @RequestBody CouponRequests.RedemptionRequest body, HttpServletRequest http) {
        return redemptions.redeem(Origin.of(partner, http), partner.keyId(), playerId, keyHeader, body);
    }
}
