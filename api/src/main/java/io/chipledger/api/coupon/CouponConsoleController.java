package io.chipledger.api.coupon;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's coupon pages for marketing staff (issue 21; docs/console.md, "Marketing";
 * docs/rewards.md): a partner's coupons by code, paged and as CSV; one coupon with its uses, paged;
 * disable one with a reason. Each handler calls {@link CouponAdminController}'s handler for the
 * same thing, so the checks, the command, the actor ({@code admin-key:<id>}) and refusals (409
 * {@code status-conflict} when disabled already) are the API's. Amounts are the API's decimal strings.
 */
@ConsoleController
class CouponConsoleController {

    static final int PAGE_SIZE = 25;
    /** Coupons in one CSV: pages of the API's largest page, up to this many. */
    static final int EXPORT_MAX = 10_000;

    private final CouponAdminController coupons;

    CouponConsoleController(CouponAdminController coupons) {
        this.coupons = coupons;
    }

    /** The partner's coupons by code, {@value #PAGE_SIZE} a page; the cursor is the API's {@code next_cursor}. */
    @GetMapping("/console/coupons")
    @ConsoleMenu(section = Section.MARKETING, title = "Coupons", order = 4)
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/coupons")
    String list(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, @RequestParam(defaultValue = "") String cursor,
                Model model) {
        model.addAttribute("partnerId", partnerId.strip());
        model.addAttribute("first", cursor.isEmpty());
        if (!partnerId.isBlank()) {
            CouponResponses.CouponPage page = coupons.listCoupons(partnerId.strip(), cursor, PAGE_SIZE);
            model.addAttribute("coupons", page);
            model.addAttribute("rewards", page.coupons().stream().collect(Collectors.toMap(CouponResponses.Coupon::code,
                    coupon -> reward(coupon.reward()))));
        }
        return "console/coupons";
    }

    @GetMapping("/console/coupons.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/coupons")
    ResponseEntity<CsvTable> export(@RequestParam(name = "partner_id") String partnerId) {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            CouponResponses.CouponPage page = coupons.listCoupons(partnerId.strip(), cursor, CouponAdminController.PAGE_SIZE_MAX);
            for (CouponResponses.Coupon coupon : page.coupons()) {
                rows.add(List.of(coupon.code(), reward(coupon.reward()), coupon.status(), Integer.toString(coupon.uses()),
                        Integer.toString(coupon.usageLimit()), Integer.toString(coupon.perPlayerLimit()), Objects.toString(coupon.segment(), ""),
                        Objects.toString(coupon.expiresAt(), ""), Objects.toString(coupon.createdAt(), ""), Objects.toString(coupon.createdBy(), ""),
                        Objects.toString(coupon.disabledReason(), "")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_MAX);
        return ConsoleCsv.download("coupons", List.of("code", "reward", "status", "uses", "usage_limit", "per_player_limit", "segment",
                "expires_at", "created_at", "created_by", "disabled_reason"), rows);
    }

    /** One coupon and a page of its uses in the order they were made (the cursor is the API's use number). */
    @GetMapping("/console/coupons/{partnerId}/{code}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/coupons/{code}")
    String coupon(@PathVariable String partnerId, @PathVariable String code, @RequestParam(defaultValue = "") String cursor, Model model) {
        CouponResponses.CouponWithRedemptions coupon = coupons.coupon(partnerId, code, cursor, PAGE_SIZE);
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("redemptions", coupon);
        model.addAttribute("first", cursor.isEmpty());
        return shown(coupon.coupon(), model, "console/coupon");
    }

    /** Disables the coupon with the reason typed (the API's reason rules: 1-500 characters). */
    @PostMapping("/console/coupons/{partnerId}/{code}/disable")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/coupons/{code}/disable")
    String disable(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String code,
                   @RequestParam(defaultValue = "") String reason, HttpServletRequest http, Model model) {
        CouponResponses.Coupon disabled = coupons.disableCoupon(admin, partnerId, code,
                new CouponRequests.DisableCouponRequest(reason.isEmpty() ? null : reason), http);
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("changed", "Coupon " + disabled.code() + " disabled: no player may use it any more.");
        return shown(disabled, model, "console/coupon :: state");
    }

    private static String shown(CouponResponses.Coupon coupon, Model model, String view) {
        model.addAttribute("coupon", coupon);
        model.addAttribute("rewardText", reward(coupon.reward()));
        return view;
    }

    /** What a coupon gives, in a few words: its kind and the fields of that kind, as the API answers them. */
    static String reward(CouponResponses.Reward reward) {
        List<String> parts = new ArrayList<>();
        parts.add(reward.kind());
        if (reward.amount() != null) {
            parts.add(reward.amount());
        }
        if (reward.asset() != null) {
            parts.add(reward.asset());
        }
        if (reward.count() != null) {
            parts.add(reward.count() + " spins of " + reward.gameId());
        }
        if (reward.percentBasisPoints() != null) {
            parts.add(reward.percentBasisPoints() + " basis points of the net loss over " + reward.windowDays() + " days, at most " + reward.cap());
        }
        return String.join(" ", parts);
    }
}
