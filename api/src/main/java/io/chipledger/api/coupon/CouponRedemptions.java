package io.chipledger.api.coupon;

import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.IdempotencyKeys;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.coupon.Coupon;
import io.chipledger.core.coupon.CouponCommands;
import io.chipledger.core.coupon.CouponEvents;
import io.chipledger.core.coupon.CouponRedemptionReceipt;
import io.chipledger.core.coupon.CouponReward;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.ReceiveRewardCommand;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletReceipt;
import io.chipledger.projections.coupon.CouponProjection;
import io.chipledger.projections.coupon.CouponProjection.CouponView;
import io.chipledger.projections.coupon.NetLosses;
import io.chipledger.projections.history.WalletTransactionProjection;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Redeems a coupon for a player: the coupon's use and the credit of its reward from the promo
 * account are one all-or-nothing chain under the caller's key ({@link WalletCommands#sendChain}):
 * step 1 the coupon decides (every rule, on this service's clock), step 2 the wallet receives what
 * it decided (none for free spins). A retry with the same key answers the first answer again.
 *
 * <p>A code the partner does not have, in any case, is answered exactly as a code of another
 * partner: 404 {@code unknown-coupon}, so the answer tells nothing about other partners' codes.
 * Failed attempts are limited ({@link CouponAttempts}).
 */
@Component
class CouponRedemptions {

    static final String OPERATION = "coupon-redemption";
    /** The refusals that tell a guesser something about a code: each counts as a failed attempt. */
    private static final Set<RuleViolation.Rule> FAILED_ATTEMPTS = EnumSet.of(RuleViolation.Rule.UNKNOWN_COUPON,
            RuleViolation.Rule.COUPON_DISABLED, RuleViolation.Rule.COUPON_EXPIRED, RuleViolation.Rule.COUPON_USED_UP,
            RuleViolation.Rule.COUPON_PLAYER_LIMIT, RuleViolation.Rule.PLAYER_NOT_IN_COUPON_SEGMENT, RuleViolation.Rule.COUPON_NOTHING_TO_PAY_BACK);

    private final WalletCommands commands;
    private final Answers answers;
    private final CouponProjection coupons;
    private final NetLosses netLosses;
    private final PlayerSegmentProjection segments;
    private final ConsistentReads consistentReads;
    private final JdbcTemplate jdbc;
    private final CouponAttempts attempts;
    private final IdempotencyKeys keys;
    private final CouponResponses responses;
    private final Clock clock;

    CouponRedemptions(WalletCommands commands, Answers answers, CouponProjection coupons, NetLosses netLosses, PlayerSegmentProjection segments,
                      ConsistentReads consistentReads, JdbcTemplate jdbc, CouponAttempts attempts, IdempotencyKeys keys, CouponResponses responses,
                      Clock clock) {
        this.commands = commands;
        this.answers = answers;
        this.coupons = coupons;
        this.netLosses = netLosses;
        this.segments = segments;
        this.consistentReads = consistentReads;
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.keys = keys;
        this.responses = responses;
        this.clock = clock;
    }

    /** The same service on another clock: what a test of expiry runs. */
    CouponRedemptions at(Clock other) {
        return new CouponRedemptions(commands, answers, coupons, netLosses, segments, consistentReads, jdbc, attempts, keys, responses, other);
    }

    /**
     * 201 with what was granted, or 200 with the first answer again for a retried key.
     *
     * @throws CouponAttemptsLimitedException too many failed attempts lately (checked before the code is looked up)
     * @throws RuleViolation {@code unknown-coupon} or the rule the redemption broke
     */
    ResponseEntity<CouponResponses.RedemptionResponse> redeem(Origin origin, String keyId, String playerId, String keyHeader,
                                                              CouponRequests.RedemptionRequest body) {
        WalletId wallet = WalletIds.of(origin.partnerId(), playerId);
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        String code = Coupon.normalized(body.code());
        if (code == null) {
            throw new InvalidRequestException("code", "code must be 4..32 letters, digits, '-' or '_'");
        }
        if (keys.useOf(wallet.partnerId(), key).filter(IdempotencyKeys.KeyUse::completed).isPresent()) {
            // A key with an outcome is answered from it (or refused as reused): a retry guesses nothing, and a backend
            // that lost the answer must learn it whatever its player tried since.
            return redeem(origin, wallet, key, code, body);
        }
        CouponAttempts.Attempt attempt = attempts.begin(keyId, wallet);
        try {
            ResponseEntity<CouponResponses.RedemptionResponse> answer = redeem(origin, wallet, key, code, body);
            attempt.guessedNothing();
            return answer;
        } catch (RuleViolation refused) {
            if (!FAILED_ATTEMPTS.contains(refused.rule())) {
                attempt.guessedNothing();
            }
            throw refused;
        } catch (RuntimeException failure) {
            attempt.guessedNothing();
            throw failure;
        }
    }

    private ResponseEntity<CouponResponses.RedemptionResponse> redeem(Origin origin, WalletId wallet, String key, String code,
                                                                      CouponRequests.RedemptionRequest body) {
        // The coupon's terms say which inputs its decision needs. A code the read model lacks still goes to the chain: its key is
        // checked first (a retry with another body is a 409, not a 404), then the coupon's absence refuses it.
        CouponView coupon = coupons.coupon(wallet.partnerId(), code).orElse(null);
        Instant now = clock.instant();
        String playerSegment = coupon == null || coupon.segment() == null ? null
                : segments.store().find(wallet.partnerId(), wallet.playerId()).map(kept -> kept.decision().segment()).orElse(null);
        CouponEvents.NetLoss netLoss = coupon != null && coupon.reward() instanceof CouponReward.Percentage percentage
                ? netLoss(wallet, percentage, now) : null;
        String couponId = Coupon.idOf(wallet.partnerId(), code);
        List<WalletCommands.Step> steps = List.of(
                (transactionId, before) -> new CouponCommands.Redeem(couponId, transactionId, key, wallet.playerId(), now, playerSegment, netLoss),
                (transactionId, before) -> {
                    CouponRedemptionReceipt decided = (CouponRedemptionReceipt) before.get(0);
                    return decided.credited() == null ? null : new ReceiveRewardCommand(wallet, transactionId, key,
                            new RewardSource(RewardSource.Kind.COUPON, code), null, decided.credited());
                });
        AnswerForm<CouponResponses.RedemptionResponse> form = new AnswerForm<>(CouponResponses.RedemptionResponse.class,
                outcome -> responses.redemption(key, (CouponRedemptionReceipt) outcome.receipt(), outcome.position(), outcome.processedAt()));
        CommandOutcome outcome;
        try {
            // The player is part of the operation, so the same key and body for another player is another request (409), never a replay.
            outcome = commands.sendChain(origin, key, OPERATION + ":" + wallet.playerId(), body, steps, receipts -> receipts.size() == 1
                    ? receipts.get(0) : ((CouponRedemptionReceipt) receipts.get(0)).withWallet((WalletReceipt) receipts.get(1)), form);
        } catch (BatchCommandRefusedException refused) {
            throw refused.index() == 0 && refused.refusal() instanceof AggregateNotFoundException ? unknownCoupon() : refused.refusal();
        }
        return ResponseEntity.status(outcome.isReplayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header(Answers.REPLAYED_HEADER, Boolean.toString(outcome.isReplayed()))
                .body(answers.body(outcome.recorded(), form));
    }

    /**
     * The player's net loss over the coupon's window, from the wallet history once it holds the
     * wallet's newest event: a bet just placed counts.
     */
    private CouponEvents.NetLoss netLoss(WalletId wallet, CouponReward.Percentage percentage, Instant now) {
        List<Long> newest = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", Long.class, wallet.toString());
        if (!newest.isEmpty()) {
            consistentReads.await(WalletTransactionProjection.GROUP, newest.get(0), wallet.toString());
        }
        Instant from = now.minus(Duration.ofDays(percentage.windowDays()));
        return new CouponEvents.NetLoss(from, now, netLosses.netLossMinor(wallet.partnerId(), wallet.playerId(), percentage.asset(), from, now));
    }

    /** One answer for a code the partner does not have, whoever else has it. */
    static RuleViolation unknownCoupon() {
        return new RuleViolation(RuleViolation.Rule.UNKNOWN_COUPON, "the partner has no coupon of this code");
    }
}
