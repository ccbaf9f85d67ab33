package io.chipledger.core.coupon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.WalletId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A partner's coupon (issue 20), one aggregate per partner and code ({@code coupon:<partner_id>:<CODE>}),
 * so a code is unique within its partner whatever its case, and each use is decided here, one at a
 * time: the event store's (aggregate, sequence) uniqueness lets exactly one of two redemptions of
 * the last use be stored. A redemption is the coupon's event; the money it pays is the wallet's
 * event in the same transaction (the API chains the two).
 *
 * <p>Bounded: at most {@value #USAGE_LIMIT_MAX} uses, so the per-player counts it keeps hold at most
 * that many players.
 */
@JsonTypeName("coupon.Coupon")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Coupon {

    /** A code, once upper case: 4..32 letters, digits, '-' or '_'. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9_\\-]{4,32}");
    /** A code as a player may type it: {@link #CODE} in either case of ASCII letters. */
    private static final Pattern TYPED_CODE = Pattern.compile("[A-Za-z0-9_\\-]{4,32}");
    public static final int USAGE_LIMIT_MAX = 100_000;
    public static final int PER_PLAYER_LIMIT_MAX = 100;
    public static final int REASON_LENGTH_MAX = 500;
    /** How far ahead a coupon may expire: ten years, as partner keys. */
    public static final Duration EXPIRY_AHEAD_MAX = Duration.ofDays(3_653);
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    @AggregateIdentifier
    private String couponId;
    private String partnerId;
    private String code;
    private CouponReward reward;
    private Instant expiresAt;
    private int usageLimit;
    private int perPlayerLimit;
    /** The segment a player must be in to redeem; null for every player. */
    private String segment;
    private boolean disabled;
    private int uses;
    /** Uses per player who redeemed: at most {@link #usageLimit} players. */
    private Map<String, Integer> usesByPlayer = new HashMap<>();

    protected Coupon() {
        // Axon rebuilds a coupon from its events, or makes an empty one for its creation.
    }

    /**
     * The code as the ledger keeps it (upper case), or null when {@code code} is no code in any case.
     * The grammar is checked before the case is changed: Unicode's upper case makes {@code ß} two
     * letters and {@code ı} an {@code I}, so a code outside ASCII would otherwise find another one.
     */
    public static String normalized(String code) {
        if (code == null || !TYPED_CODE.matcher(code).matches()) {
            return null;
        }
        return code.toUpperCase(Locale.ROOT);
    }

    /** The aggregate of a partner's coupon code, in any case. */
    public static String idOf(String partnerId, String code) {
        String normalized = normalized(code);
        require(partnerId != null && normalized != null, "a coupon's id is its partner's and its code, " + CODE);
        return "coupon:" + partnerId + ":" + normalized;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CouponCommands.Create command) {
        if (couponId != null) {
            throw new RuleViolation(Rule.COUPON_CODE_TAKEN, "the partner has a coupon " + code + " already", Map.of("code", code));
        }
        require(idOf(command.partnerId(), command.code()).equals(command.couponId()) && command.code().equals(normalized(command.code())),
                "a coupon is created under its partner's and upper-case code's id");
        require(command.reward() != null, "a coupon gives a reward");
        require(command.at() != null && command.expiresAt() != null && command.expiresAt().isAfter(command.at())
                && !command.expiresAt().isAfter(command.at().plus(EXPIRY_AHEAD_MAX)), "a coupon expires in the future, within ten years");
        require(command.usageLimit() >= 1 && command.usageLimit() <= USAGE_LIMIT_MAX, "a coupon's usage limit is 1.." + USAGE_LIMIT_MAX);
        require(command.perPlayerLimit() >= 1 && command.perPlayerLimit() <= PER_PLAYER_LIMIT_MAX,
                "a coupon's per-player limit is 1.." + PER_PLAYER_LIMIT_MAX);
        require(command.segment() == null || SEGMENT.matcher(command.segment()).matches(), "a coupon's segment is " + SEGMENT);
        require(!(command.reward() instanceof CouponReward.Percentage) || command.perPlayerLimit() == 1,
                "a percentage coupon pays back once per player, so no loss is paid back twice");
        apply(new CouponEvents.Created(command.partnerId(), command.code(), command.reward(), command.expiresAt(), command.usageLimit(),
                command.perPlayerLimit(), command.segment()));
    }

    /** Checks every rule, in the order a player would fix them, then records the use and says what to credit. */
    @CommandHandler
    CouponRedemptionReceipt handle(CouponCommands.Redeem command) {
        require(command.playerId() != null && WalletId.ID.matcher(command.playerId()).matches(), "a redemption names its player");
        require(command.transactionId() != null && command.partnerTransactionId() != null && command.at() != null,
                "a redemption has its transaction ids and time");
        requireRedeemable(command.at());
        int playerUses = usesByPlayer.getOrDefault(command.playerId(), 0);
        if (playerUses >= perPlayerLimit) {
            throw refusal(Rule.COUPON_PLAYER_LIMIT, "player " + command.playerId() + " has used coupon " + code + " " + playerUses
                    + " times, its limit per player", Map.of("per_player_limit", perPlayerLimit));
        }
        if (segment != null && !segment.equals(command.playerSegment())) {
            throw refusal(Rule.PLAYER_NOT_IN_COUPON_SEGMENT, "coupon " + code + " is for players of segment " + segment,
                    Map.of("segment", segment));
        }
        AssetAmount credited = credited(command);
        CouponEvents.NetLoss netLoss = reward instanceof CouponReward.Percentage ? command.netLoss() : null;
        int useNumber = uses + 1;
        apply(new CouponEvents.Redeemed(partnerId, code, command.playerId(), command.transactionId(), command.partnerTransactionId(),
                useNumber, playerUses + 1, reward, credited, netLoss, segment));
        return new CouponRedemptionReceipt(couponId, code, command.playerId(), useNumber, playerUses + 1, reward, credited, netLoss,
                getVersion(), null);
    }

    /** A campaign may hand the code out only while a player could redeem it. */
    @CommandHandler
    CouponOffer handle(CouponCommands.Offer command) {
        require(command.at() != null, "an offer has its time");
        requireRedeemable(command.at());
        return new CouponOffer(couponId, getVersion());
    }

    /** The coupon's own rules, the same for every player: enabled, not expired at {@code at}, not used up. */
    private void requireRedeemable(Instant at) {
        if (disabled) {
            throw refusal(Rule.COUPON_DISABLED, "coupon " + code + " is disabled");
        }
        if (!at.isBefore(expiresAt)) {
            throw refusal(Rule.COUPON_EXPIRED, "coupon " + code + " expired at " + expiresAt, Map.of("expires_at", expiresAt.toString()));
        }
        if (uses >= usageLimit) {
            throw refusal(Rule.COUPON_USED_UP, "coupon " + code + " has been used its " + usageLimit + " times",
                    Map.of("usage_limit", usageLimit));
        }
    }

    /** What the wallet receives for this use: null for free spins; a percentage's payback of the window its terms name. */
    private AssetAmount credited(CouponCommands.Redeem command) {
        if (reward instanceof CouponReward.BonusToken tokens) {
            return new AssetAmount(tokens.asset(), tokens.amountMinor());
        }
        if (reward instanceof CouponReward.Fixed money) {
            return new AssetAmount(money.asset(), money.amountMinor());
        }
        if (reward instanceof CouponReward.Percentage percentage) {
            return payback(percentage, command);
        }
        return null; // free spins: no money moves

    }

    private AssetAmount payback(CouponReward.Percentage percentage, CouponCommands.Redeem command) {
        CouponEvents.NetLoss netLoss = command.netLoss();
        require(netLoss != null && command.at().equals(netLoss.windowTo())
                && netLoss.windowFrom().equals(command.at().minus(Duration.ofDays(percentage.windowDays()))),
                "a payback is of the " + percentage.windowDays() + " days before the redemption");
        long amountMinor = percentage.payback(netLoss.netLossMinor());
        if (amountMinor == 0) {
            throw refusal(Rule.COUPON_NOTHING_TO_PAY_BACK, "the player's net loss in " + percentage.asset() + " over the last "
                    + percentage.windowDays() + " days is " + netLoss.netLossMinor() + " minor units: nothing to pay back",
                    Map.of("net_loss_minor", netLoss.netLossMinor(), "window_from", netLoss.windowFrom().toString(),
                            "window_to", netLoss.windowTo().toString()));
        }
        return new AssetAmount(percentage.asset(), amountMinor);
    }

    @CommandHandler
    void handle(CouponCommands.Disable command) {
        require(command.reason() != null && !command.reason().isBlank() && command.reason().length() <= REASON_LENGTH_MAX,
                "disabling a coupon says why in 1.." + REASON_LENGTH_MAX + " characters");
        if (disabled) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "coupon " + code + " is disabled already");
        }
        apply(new CouponEvents.Disabled(partnerId, code, command.reason()));
    }

    private RuleViolation refusal(Rule rule, String message) {
        return refusal(rule, message, Map.of());
    }

    /** Every redemption refusal names the code, so a partner's support sees which coupon the player tried. */
    private RuleViolation refusal(Rule rule, String message, Map<String, Object> details) {
        Map<String, Object> named = new HashMap<>(details);
        named.put("code", code);
        return new RuleViolation(rule, message, named);
    }

    private static void require(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException(rule);
        }
    }

    @EventSourcingHandler
    void on(CouponEvents.Created event) {
        couponId = idOf(event.partnerId(), event.code());
        partnerId = event.partnerId();
        code = event.code();
        reward = event.reward();
        expiresAt = event.expiresAt();
        usageLimit = event.usageLimit();
        perPlayerLimit = event.perPlayerLimit();
        segment = event.segment();
    }

    @EventSourcingHandler
    void on(CouponEvents.Redeemed event) {
        uses = event.useNumber();
        usesByPlayer.put(event.playerId(), event.playerUseNumber());
    }

    @EventSourcingHandler
    void on(CouponEvents.Disabled event) {
        disabled = true;
    }
}
