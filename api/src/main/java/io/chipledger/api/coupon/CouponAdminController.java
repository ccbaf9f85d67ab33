package io.chipledger.api.coupon;

import static io.chipledger.core.admin.AdminRole.MARKETING;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponCommands;
import io.chipledger.projections.coupon.CouponProjection;
import io.chipledger.projections.coupon.CouponProjection.CouponView;
import io.chipledger.projections.coupon.CouponProjection.RedemptionView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's coupons for its marketing staff (issue 20; roles {@code marketing} and {@code ops}
 * write, {@code support} reads): create, list, show with its uses, disable. Every change is an
 * event of the coupon whose metadata names the admin key. Errors: 400 {@code invalid-request} or
 * {@code invalid-amount} naming the field, 404 {@code unknown-partner} or {@code unknown-coupon},
 * 409 {@code coupon-code-taken} (the partner has the code already, in any case) or
 * {@code status-conflict} (disabled already).
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}/coupons")
class CouponAdminController {

    static final int PAGE_SIZE_DEFAULT = 50;
    static final int PAGE_SIZE_MAX = 200;

    private final CouponProjection coupons;
    private final CouponTerms terms;
    private final CouponResponses responses;
    private final AdminCommands commands;
    private final KnownPartners partners;
    private final Clock clock;

    CouponAdminController(CouponProjection coupons, CouponTerms terms, CouponResponses responses, AdminCommands commands, KnownPartners partners,
                          Clock clock) {
        this.coupons = coupons;
        this.terms = terms;
        this.responses = responses;
        this.commands = commands;
        this.partners = partners;
        this.clock = clock;
    }

    @Operation(operationId = "createCoupon", summary = "Create a coupon code for the partner's players; the code is unique per partner "
            + "whatever its case")
    @AdminAccess({MARKETING, OPS})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CouponResponses.Coupon> createCoupon(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                        @RequestBody CouponRequests.CreateCouponRequest body, HttpServletRequest http) {
        Instant now = clock.instant();
        CouponTerms.Checked checked = terms.checked(body, now);
        String partner = partners.require(partnerId);
        commands.send(Origin.admin(admin, partner, http), new CouponCommands.Create(Coupon.idOf(partner, checked.code()), partner,
                checked.code(), checked.reward(), checked.expiresAt(), checked.usageLimit(), checked.perPlayerLimit(), checked.segment(), now));
        return ResponseEntity.created(URI.create("/admin/v1/partners/" + partner + "/coupons/" + checked.code()))
                .body(responses.coupon(stored(partner, checked.code()), now));
    }

    @Operation(operationId = "listCoupons", summary = "The partner's coupons by code, a page at a time")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping
    CouponResponses.CouponPage listCoupons(@PathVariable String partnerId, @RequestParam(required = false) String cursor,
                                           @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
        String after = cursor == null || cursor.isEmpty() ? null : Coupon.normalized(cursor);
        if (cursor != null && !cursor.isEmpty() && after == null) {
            throw new InvalidRequestException("cursor", "cursor must be the next_cursor of a previous page");
        }
        String partner = partners.require(partnerId);
        Instant now = clock.instant();
        Pages.Page<CouponView> page = Pages.of(coupons.coupons(partner, after, pageSize + 1), pageSize, CouponView::code);
        return new CouponResponses.CouponPage(page.rows().stream().map(view -> responses.coupon(view, now)).toList(), page.nextCursor());
    }

    @Operation(operationId = "coupon", summary = "One coupon with its uses in the order they were made, a page at a time")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/{code}")
    CouponResponses.CouponWithRedemptions coupon(@PathVariable String partnerId, @PathVariable String code,
                                                 @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);
        int afterUse = useCursor(cursor);
        String partner = partners.require(partnerId);
        CouponView coupon = stored(partner, known(code));
        Pages.Page<RedemptionView> page = Pages.of(coupons.redemptions(partner, coupon.code(), afterUse, pageSize + 1), pageSize,
                redemption -> Integer.toString(redemption.useNumber()));
        return new CouponResponses.CouponWithRedemptions(responses.coupon(coupon, clock.instant()),
                page.rows().stream().map(responses::redemption).toList(), page.nextCursor());
    }

    @Operation(operationId = "disableCoupon", summary = "Disable a coupon: no player may use it any more; the reason is kept")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/{code}/disable")
    CouponResponses.Coupon disableCoupon(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String code,
                                         @RequestBody CouponRequests.DisableCouponRequest body, HttpServletRequest http) {
        String reason = RequestFields.reason(body.reason());
        String known = known(code);
        String partner = partners.require(partnerId);
        stored(partner, known);
        commands.send(Origin.admin(admin, partner, http), new CouponCommands.Disable(Coupon.idOf(partner, known), reason));
        return responses.coupon(stored(partner, known), clock.instant());
    }

    /** A code from the path, upper case: 400 when it is none (nothing is looked up). */
    private static String known(String code) {
        String normalized = Coupon.normalized(code);
        if (normalized == null) {
            throw new InvalidRequestException("code", "code must be 4..32 letters, digits, '-' or '_'");
        }
        return normalized;
    }

    private static int useCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            int afterUse = Integer.parseInt(cursor);
            if (afterUse >= 1 && afterUse <= Coupon.USAGE_LIMIT_MAX) {
                return afterUse;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as any other cursor that is none
        }
        throw new InvalidRequestException("cursor", "cursor must be the next_cursor of a previous page");
    }

    private CouponView stored(String partnerId, String code) {
        return coupons.coupon(partnerId, code).orElseThrow(CouponRedemptions::unknownCoupon);
    }
}
