package io.chipledger.api.coupon;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.KeyExpiry;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.asset.AssetKind;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponReward;
import io.chipledger.core.segment.SegmentRuleDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A new coupon's request, checked whole before anything is stored: each refusal is a 400 naming the
 * field. The terms of one kind only: a term of another kind is refused rather than ignored, so a
 * coupon never looks in the request like something it is not.
 */
@Component
class CouponTerms {

    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    /** The request as the coupon's command takes it. */
    record Checked(String code, CouponReward reward, Instant expiresAt, int usageLimit, int perPlayerLimit, String segment) {
    }

    private final AssetRegistry assets;

    CouponTerms(AssetRegistry assets) {
        this.assets = assets;
    }

    Checked checked(CouponRequests.CreateCouponRequest body, Instant now) {
        String code = Coupon.normalized(body.code());
        if (code == null) {
            throw new InvalidRequestException("code", "code is required: 4..32 letters, digits, '-' or '_' (kept upper case)");
        }
        CouponReward reward = reward(body);
        Instant expiresAt = KeyExpiry.instant("expires_at", body.expiresAt(), Clock.fixed(now, ZoneOffset.UTC));
        if (expiresAt == null || expiresAt.isAfter(now.plus(Coupon.EXPIRY_AHEAD_MAX))) {
            throw new InvalidRequestException("expires_at", "expires_at is required: in the future and at most "
                    + Coupon.EXPIRY_AHEAD_MAX.toDays() + " days ahead");
        }
        int usageLimit = bounded("usage_limit", body.usageLimit(), 1, Coupon.USAGE_LIMIT_MAX);
        int perPlayerLimit = body.perPlayerLimit() == null ? 1 : bounded("per_player_limit", body.perPlayerLimit(), 1, Coupon.PER_PLAYER_LIMIT_MAX);
        if (reward instanceof CouponReward.Percentage && perPlayerLimit != 1) {
            // A second payback would cover losses the first window paid back already.
            throw new InvalidRequestException("per_player_limit", "a percentage coupon pays back once per player: per_player_limit is 1");
        }
        if (body.segment() != null && !SEGMENT.matcher(body.segment()).matches()) {
            throw new InvalidRequestException("segment", "segment must be a code matching " + SegmentRuleDefinition.SEGMENT_PATTERN);
        }
        return new Checked(code, reward, expiresAt, usageLimit, perPlayerLimit, body.segment());
    }

    private CouponReward reward(CouponRequests.CreateCouponRequest body) {
        if (body.kind() == null) {
            throw new InvalidRequestException("kind", "kind is required: bonus_token, fixed, free_spins or percentage");
        }
        return switch (body.kind()) {
            case "bonus_token" -> {
                onlyTerms(body, true, true, false, false, false);
                Asset token = assets.requireToken("asset", required("asset", body.asset()));
                yield new CouponReward.BonusToken(token.code(), assets.amount("asset", token.code(), required("amount", body.amount())).amountMinor());
            }
            case "fixed" -> {
                onlyTerms(body, true, true, false, false, false);
                Asset currency = currency(body.asset());
                yield new CouponReward.Fixed(currency.code(), assets.amount("asset", currency.code(), required("amount", body.amount())).amountMinor());
            }
            case "free_spins" -> {
                onlyTerms(body, false, false, true, false, false);
                yield new CouponReward.FreeSpins(RequestFields.gameId("game_id", body.gameId()),
                        bounded("count", body.count(), 1, CouponReward.FREE_SPINS_MAX));
            }
            case "percentage" -> {
                onlyTerms(body, true, false, false, true, true);
                Asset currency = currency(body.asset());
                yield new CouponReward.Percentage(currency.code(),
                        bounded("percent_basis_points", body.percentBasisPoints(), 1, CouponReward.PERCENT_BASIS_POINTS_MAX),
                        bounded("window_days", body.windowDays(), 1, CouponReward.WINDOW_DAYS_MAX),
                        assets.amount("asset", currency.code(), required("cap", body.cap())).amountMinor());
            }
            default -> throw new InvalidRequestException("kind", "kind must be bonus_token, fixed, free_spins or percentage");
        };
    }

    /** Refuses the first term given that the kind does not take. */
    private static void onlyTerms(CouponRequests.CreateCouponRequest body, boolean asset, boolean amount, boolean spins, boolean percentage,
                                  boolean cap) {
        refuseUnless(asset, "asset", body.asset(), body.kind());
        refuseUnless(amount, "amount", body.amount(), body.kind());
        refuseUnless(spins, "game_id", body.gameId(), body.kind());
        refuseUnless(spins, "count", body.count(), body.kind());
        refuseUnless(percentage, "percent_basis_points", body.percentBasisPoints(), body.kind());
        refuseUnless(percentage, "window_days", body.windowDays(), body.kind());
        refuseUnless(cap, "cap", body.cap(), body.kind());
    }

    private static void refuseUnless(boolean taken, String field, Object value, String kind) {
        if (!taken && value != null) {
            throw new InvalidRequestException(field, field + " is not a term of a " + kind + " coupon");
        }
    }

    private Asset currency(String code) {
        Asset asset = assets.requested("asset", required("asset", code));
        if (asset.kind() != AssetKind.FIAT) {
            throw new InvalidRequestException("asset", code + " is not a currency");
        }
        return asset;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required for this kind of coupon");
        }
        return value;
    }

    private static int bounded(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new InvalidRequestException(field, field + " is required: " + min + ".." + max);
        }
        return value;
    }
}
