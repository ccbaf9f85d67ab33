package io.chipledger.api.openapi;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every problem {@code type} the API answers (the last segment of
 * {@code https://chipledger.dev/problems/<type>}) with its HTTP status: the table of
 * docs/api-guide.md ("Problems"), which a test holds equal to this one. The OpenAPI document lists,
 * per operation and status, the types of this table the operation can give ({@link ProblemResponses}).
 */
final class ProblemTypes {

    /** Type → status. */
    static final Map<String, Integer> STATUS = new TreeMap<>(Map.ofEntries(
            Map.entry("invalid-amount", 400), Map.entry("unknown-currency", 400), Map.entry("invalid-request", 400),
            Map.entry("malformed-request", 400), Map.entry("ambiguous-key", 400), Map.entry("rejected-request", 400),
            Map.entry("http-406", 406), Map.entry("http-415", 415), Map.entry("request-too-large", 413),
            Map.entry("key-required", 401), Map.entry("invalid-api-key", 401), Map.entry("invalid-admin-key", 401),
            Map.entry("invalid-key", 401),
            Map.entry("missing-scope", 403), Map.entry("missing-role", 403), Map.entry("admin-only", 403),
            Map.entry("partner-only", 403), Map.entry("no-access-rule", 403), Map.entry("address-not-allowed", 403),
            Map.entry("rate-limited", 429),
            Map.entry("unknown-wallet", 404), Map.entry("unknown-withdrawal", 404), Map.entry("unknown-bet", 404),
            Map.entry("unknown-round", 404), Map.entry("unknown-partner", 404), Map.entry("unknown-player", 404),
            Map.entry("unknown-admin-key", 404), Map.entry("unknown-api-key", 404), Map.entry("unknown-job", 404),
            Map.entry("unknown-projection", 404), Map.entry("unknown-aggregate", 404), Map.entry("unknown-verification", 404),
            Map.entry("idempotency-key-reused", 409), Map.entry("bet-already-settled", 409), Map.entry("bet-already-rolled-back", 409),
            Map.entry("duplicate-transaction", 409), Map.entry("round-closed", 409), Map.entry("round-has-no-live-bet", 409),
            Map.entry("rollback-target-not-a-bet", 409), Map.entry("withdrawal-already-decided", 409),
            Map.entry("status-conflict", 409), Map.entry("partner-suspended", 409), Map.entry("receipt-key-missing", 409),
            Map.entry("rebuild-refused", 409), Map.entry("resend-refused", 409), Map.entry("round-not-timed-out", 409), Map.entry("verification-running", 409), Map.entry("withdrawal-not-expired", 409),
            Map.entry("insufficient-funds", 422), Map.entry("balance-limit", 422), Map.entry("open-bets-limit", 422),
            Map.entry("open-rounds-limit", 422), Map.entry("pending-withdrawals-limit", 422), Map.entry("api-keys-limit", 422),
            Map.entry("round-asset-mismatch", 422), Map.entry("bet-round-mismatch", 422),
            Map.entry("wallet-frozen", 423), Map.entry("batch-refused", 422),
            Map.entry("internal-error", 500), Map.entry("unreadable-history", 500),
            Map.entry("ledger-busy", 503), Map.entry("projection-lagging", 503), Map.entry("consistent-reads-busy", 503),
            Map.entry("projection-parked", 503), Map.entry("projection-rebuilding", 503), Map.entry("rebuild-failed", 503),
            Map.entry("report-too-large", 422), Map.entry("analytics-off", 503), Map.entry("analytics-unavailable", 503),
            Map.entry("unknown-settlement", 404), Map.entry("settlement-period-overlaps", 409), Map.entry("settlement-superseded", 409),
            Map.entry("analytics-behind", 503),
            Map.entry("unknown-aml-alert", 404), Map.entry("unknown-aml-profile", 404), Map.entry("rescan-too-large", 422),
            Map.entry("unknown-segment-rule", 404), Map.entry("segment-rule-name-taken", 409), Map.entry("segment-rules-limit", 422),
            Map.entry("unknown-coupon", 404), Map.entry("coupon-code-taken", 409), Map.entry("coupon-disabled", 409),
            Map.entry("coupon-expired", 409), Map.entry("coupon-used-up", 422), Map.entry("coupon-player-limit", 422),
            Map.entry("player-not-in-coupon-segment", 422), Map.entry("coupon-nothing-to-pay-back", 422),
            Map.entry("coupon-attempts-limited", 429),
            Map.entry("unknown-reward-pool", 404), Map.entry("reward-pool-closed", 409), Map.entry("reward-pool-exhausted", 409),
            Map.entry("reward-pools-limit", 422),
            Map.entry("unknown-campaign", 404), Map.entry("campaign-period-over", 409), Map.entry("campaign-reward-unavailable", 422)));

    private ProblemTypes() {
    }

    static int statusOf(String type) {
        Integer status = STATUS.get(type);
        if (status == null) {
            throw new IllegalArgumentException("no problem type " + type + " in the table");
        }
        return status;
    }
}
