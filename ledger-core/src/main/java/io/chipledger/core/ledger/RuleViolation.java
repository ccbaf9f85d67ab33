package io.chipledger.core.ledger;

import java.util.Map;

/**
 * A command refused by a business rule: an operating error the caller can act on, never a bug.
 * The {@link Rule} is stable (the API turns it into a problem type); {@code details} carry the
 * figures the caller needs, such as the current balance when funds are short.
 */
public class RuleViolation extends RuntimeException {

    public enum Rule {
        INSUFFICIENT_FUNDS,
        WALLET_FROZEN,
        BALANCE_LIMIT,
        OPEN_BETS_LIMIT,
        OPEN_ROUNDS_LIMIT,
        BET_ALREADY_ROLLED_BACK,
        BET_ALREADY_SETTLED,
        UNKNOWN_BET,
        BET_ROUND_MISMATCH,
        UNKNOWN_ROUND,
        ROUND_CLOSED,
        ROUND_ASSET_MISMATCH,
        ROUND_HAS_NO_LIVE_BET,
        ROUND_NOT_TIMED_OUT,
        ROLLBACK_TARGET_NOT_A_BET,
        WITHDRAWAL_ALREADY_DECIDED,
        DUPLICATE_TRANSACTION,
        UNKNOWN_WITHDRAWAL,
        WITHDRAWAL_NOT_EXPIRED,
        PENDING_WITHDRAWALS_LIMIT,
        STATUS_CONFLICT,
        PARTNER_SUSPENDED,
        UNKNOWN_API_KEY,
        API_KEYS_LIMIT,
        SEGMENT_RULE_NAME_TAKEN,
        UNKNOWN_SEGMENT_RULE,
        SEGMENT_RULES_LIMIT,
        UNKNOWN_COUPON,
        COUPON_CODE_TAKEN,
        COUPON_DISABLED,
        COUPON_EXPIRED,
        COUPON_USED_UP,
        COUPON_PLAYER_LIMIT,
        PLAYER_NOT_IN_COUPON_SEGMENT,
        COUPON_NOTHING_TO_PAY_BACK,
        UNKNOWN_REWARD_POOL,
        REWARD_POOL_CLOSED,
        REWARD_POOL_EXHAUSTED,
        REWARD_POOLS_LIMIT,
        UNKNOWN_CAMPAIGN,
        CAMPAIGN_PERIOD_OVER,
        CAMPAIGN_REWARD_UNAVAILABLE
    }

    /** The members RFC 7807 defines: a detail under one of these names would replace it in the problem the caller gets. */
    static final java.util.Set<String> PROBLEM_MEMBERS = java.util.Set.of("type", "title", "status", "detail", "instance");

    private final Rule rule;
    private final Map<String, Object> details;

    public RuleViolation(Rule rule, String message) {
        this(rule, message, Map.of());
    }

    public RuleViolation(Rule rule, String message, Map<String, Object> details) {
        super(message);
        if (details.keySet().stream().anyMatch(PROBLEM_MEMBERS::contains)) {
            throw new IllegalArgumentException("a rule violation's details are added to an RFC 7807 problem, so none may be named "
                    + PROBLEM_MEMBERS + ": " + details.keySet());
        }
        this.rule = rule;
        this.details = Map.copyOf(details);
    }

    public Rule rule() {
        return rule;
    }

    public Map<String, Object> details() {
        return details;
    }
}
