package io.chipledger.api.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The problem responses (RFC 7807, {@code application/problem+json}) each operation can give: per
 * status, the problem types, in the description and in {@code x-problem-types}. The types every
 * operation of a kind can give (bad input, keys, a body, a wait for {@code consistent_with}, an
 * idempotent command) come from what the operation is; the types of its own rules are in
 * {@link #OWN}, by operation id. The contract test fails when an answer's status or type is not
 * listed for its operation, and the document is not made when an operation is missing from the
 * table. One place, so no controller carries response annotations.
 */
final class ProblemResponses {

    /** The extension on each problem response that lists its types. */
    static final String TYPES_EXTENSION = "x-problem-types";

    /**
     * Every operation: a body over the limit is refused whether the operation reads one or not, and so
     * is a form body (its fields would be read as parameters).
     */
    private static final List<String> EVERY_OPERATION = List.of("invalid-request", "rejected-request", "http-406", "http-415",
            "request-too-large", "internal-error", "rate-limited");
    /** A keyed request reads the key tables, so a database that is away answers its retryable 503 on every one. */
    private static final List<String> WITH_A_KEY = List.of("ambiguous-key", "key-required", "invalid-key", "no-access-rule", "ledger-busy");
    private static final List<String> PARTNER_KEY = List.of("invalid-api-key", "missing-scope", "partner-only", "address-not-allowed");
    private static final List<String> ADMIN_KEY = List.of("invalid-admin-key", "missing-role", "admin-only");
    private static final List<String> WITH_A_BODY = List.of("malformed-request", "http-415");
    private static final List<String> CONSISTENT_READ = List.of("projection-lagging", "consistent-reads-busy", "projection-parked");
    /** A read served by a read model: refused while that read model is rebuilt, on every node. */
    private static final List<String> PROJECTION_READ = List.of("projection-rebuilding");
    private static final List<String> COMMAND = List.of("idempotency-key-reused", "ledger-busy");
    private static final List<String> AMOUNT = List.of("invalid-amount", "unknown-currency");
    /** A report read from ClickHouse. */
    private static final List<String> REPORT = List.of("analytics-off", "analytics-unavailable", "report-too-large");
    private static final List<String> WALLET_DEBIT = List.of("unknown-wallet", "insufficient-funds", "wallet-frozen");

    /** Each operation's own problems, by operation id. */
    private static final Map<String, List<String>> OWN = Map.ofEntries(
            Map.entry("deposit", list(COMMAND, AMOUNT, List.of("balance-limit"))),
            Map.entry("withdraw", list(COMMAND, AMOUNT, WALLET_DEBIT, List.of("pending-withdrawals-limit", "duplicate-transaction"))),
            Map.entry("decideWithdrawal", list(COMMAND, List.of("unknown-wallet", "unknown-withdrawal", "withdrawal-already-decided",
                    "wallet-frozen", "balance-limit"))),
            Map.entry("bet", list(COMMAND, AMOUNT, WALLET_DEBIT, List.of("open-bets-limit", "open-rounds-limit", "round-closed",
                    "round-asset-mismatch", "duplicate-transaction", "bet-already-rolled-back"))),
            Map.entry("win", list(COMMAND, AMOUNT, List.of("unknown-wallet", "unknown-bet", "unknown-round", "bet-already-settled",
                    "bet-already-rolled-back", "bet-round-mismatch", "round-closed", "round-has-no-live-bet", "round-asset-mismatch",
                    "balance-limit", "duplicate-transaction"))),
            Map.entry("rollback", list(COMMAND, List.of("unknown-wallet", "bet-already-settled", "rollback-target-not-a-bet",
                    "balance-limit"))),
            Map.entry("walletBatch", list(AMOUNT, List.of("batch-refused", "ledger-busy"))),
            Map.entry("play", list(COMMAND, AMOUNT, WALLET_DEBIT, List.of("balance-limit"))),
            Map.entry("purchase", list(COMMAND, AMOUNT, WALLET_DEBIT, List.of("receipt-key-missing"))),
            Map.entry("recordActivity", COMMAND),
            Map.entry("adjustBalance", list(COMMAND, AMOUNT, List.of("unknown-partner", "unknown-wallet", "insufficient-funds",
                    "balance-limit"))),
            Map.entry("freezeWallet", list(COMMAND, List.of("unknown-partner", "unknown-wallet"))),
            Map.entry("unfreezeWallet", list(COMMAND, List.of("unknown-partner", "unknown-wallet"))),
            Map.entry("grantTokens", list(COMMAND, AMOUNT, List.of("unknown-partner", "balance-limit"))),
            Map.entry("revokeTokens", list(COMMAND, AMOUNT, List.of("unknown-partner", "unknown-wallet", "insufficient-funds"))),
            Map.entry("grantTokensInBulk", list(COMMAND, AMOUNT, List.of("unknown-partner", "balance-limit"))),
            Map.entry("getWallet", list(PROJECTION_READ, List.of("unknown-wallet"))),
            Map.entry("transactions", list(PROJECTION_READ, List.of("unknown-currency"))),
            Map.entry("plays", PROJECTION_READ),
            Map.entry("purchases", PROJECTION_READ),
            Map.entry("playerActivity", list(PROJECTION_READ, List.of("unknown-player"))),
            Map.entry("walletForStaff", list(PROJECTION_READ, List.of("unknown-partner", "unknown-wallet"))),
            Map.entry("partnerPlays", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("transactionsForStaff", list(PROJECTION_READ, List.of("unknown-partner", "unknown-currency"))),
            Map.entry("purchasesForStaff", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("playerActivityForStaff", list(PROJECTION_READ, List.of("unknown-partner", "unknown-player"))),
            Map.entry("playerWallets", PROJECTION_READ),
            Map.entry("systemAccounts", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("registerPartner", List.of()),
            Map.entry("listPartners", List.of()),
            Map.entry("getPartner", List.of("unknown-partner")),
            Map.entry("updatePartner", List.of("unknown-partner", "partner-suspended")),
            Map.entry("suspendPartner", List.of("unknown-partner", "status-conflict", "partner-suspended")),
            Map.entry("reactivatePartner", List.of("unknown-partner", "status-conflict", "partner-suspended")),
            Map.entry("listApiKeys", List.of("unknown-partner")),
            Map.entry("issueApiKey", List.of("unknown-partner", "api-keys-limit", "partner-suspended")),
            Map.entry("revokeApiKey", List.of("unknown-partner", "unknown-api-key", "status-conflict")),
            Map.entry("rotateApiKey", List.of("unknown-partner", "unknown-api-key", "status-conflict", "partner-suspended", "api-keys-limit")),
            Map.entry("getIpAllowList", List.of("unknown-partner")),
            Map.entry("setIpAllowList", List.of("unknown-partner")),
            Map.entry("getRateLimit", List.of("unknown-partner")),
            Map.entry("setRateLimit", List.of("unknown-partner")),
            Map.entry("issueReceiptKey", List.of("unknown-partner")),
            Map.entry("issueAdminKey", List.of("api-keys-limit")),
            Map.entry("listAdminKeys", List.of()),
            Map.entry("getAdminKey", List.of("unknown-admin-key")),
            Map.entry("revokeAdminKey", List.of("unknown-admin-key", "status-conflict")),
            Map.entry("projectionStatus", List.of()),
            Map.entry("rebuildProjection", List.of("unknown-projection", "rebuild-refused", "rebuild-failed")),
            Map.entry("resendEvents", List.of("unknown-projection", "resend-refused")),
            Map.entry("parkedEvents", List.of("unknown-projection")),
            Map.entry("retryParkedEvents", List.of("unknown-projection")),
            Map.entry("listParkedItems", List.of()),
            Map.entry("retryParkedItems", List.of("unknown-job")),
            Map.entry("walletEvents", List.of("unknown-wallet")),
            Map.entry("walletBalances", List.of("unknown-wallet", "unreadable-history")),
            Map.entry("systemAccountsAt", List.of("unknown-partner", "unreadable-history")),
            Map.entry("aggregateEvents", List.of("unknown-aggregate")),
            Map.entry("checkpoints", List.of()),
            Map.entry("startVerification", List.of("verification-running")),
            Map.entry("verification", List.of("unknown-verification")),
            Map.entry("ggrReport", REPORT),
            Map.entry("ggrReportForStaff", list(REPORT, List.of("unknown-partner"))),
            Map.entry("issueSettlement", List.of("unknown-partner", "unknown-settlement", "settlement-period-overlaps", "settlement-superseded",
                    "analytics-off", "analytics-unavailable", "analytics-behind", "report-too-large")),
            Map.entry("settlement", List.of("unknown-settlement")),
            Map.entry("listAmlAlerts", List.of("unknown-partner")),
            Map.entry("raiseAmlAlert", List.of("unknown-partner", "idempotency-key-reused")),
            Map.entry("amlAlert", List.of("unknown-aml-alert")),
            Map.entry("assignAmlAlert", List.of("unknown-aml-alert", "status-conflict")),
            Map.entry("changeAmlAlertStatus", List.of("unknown-aml-alert", "status-conflict")),
            Map.entry("addAmlAlertNote", List.of("unknown-aml-alert")),
            Map.entry("amlPlayerProfile", list(PROJECTION_READ, List.of("unknown-partner", "unknown-aml-profile"))),
            Map.entry("amlRescan", List.of("unknown-partner", "rescan-too-large")),
            Map.entry("listSegmentRules", List.of("unknown-partner")),
            Map.entry("createSegmentRule", List.of("unknown-partner", "segment-rule-name-taken", "segment-rules-limit")),
            Map.entry("segmentRule", List.of("unknown-partner", "unknown-segment-rule")),
            Map.entry("previewSegmentRule", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("updateSegmentRule", List.of("unknown-partner", "unknown-segment-rule", "segment-rule-name-taken")),
            Map.entry("deleteSegmentRule", List.of("unknown-partner", "unknown-segment-rule")),
            Map.entry("playerSegment", list(PROJECTION_READ, List.of("unknown-player"))),
            Map.entry("segmentSizes", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("segmentPlayers", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("playerSegmentChanges", list(PROJECTION_READ, List.of("unknown-partner", "unknown-player"))),
            Map.entry("evaluateSegments", List.of("unknown-partner")),
            Map.entry("createCoupon", list(AMOUNT, List.of("unknown-partner", "coupon-code-taken"))),
            Map.entry("listCoupons", List.of("unknown-partner")),
            Map.entry("coupon", List.of("unknown-partner", "unknown-coupon")),
            Map.entry("disableCoupon", List.of("unknown-partner", "unknown-coupon", "status-conflict")),
            Map.entry("redeemCoupon", list(COMMAND, List.of("unknown-coupon", "coupon-disabled", "coupon-expired", "coupon-used-up",
                    "coupon-player-limit", "player-not-in-coupon-segment", "coupon-nothing-to-pay-back", "coupon-attempts-limited",
                    "wallet-frozen", "balance-limit", "projection-lagging", "projection-parked"))),
            Map.entry("listRewardPools", List.of("unknown-partner")),
            Map.entry("createRewardPool", list(AMOUNT, List.of("unknown-partner", "reward-pools-limit"))),
            Map.entry("rewardPool", List.of("unknown-partner", "unknown-reward-pool")),
            Map.entry("closeRewardPool", List.of("unknown-partner", "unknown-reward-pool", "status-conflict")),
            Map.entry("drawReward", list(COMMAND, List.of("unknown-reward-pool", "reward-pool-closed", "reward-pool-exhausted",
                    "insufficient-funds", "wallet-frozen", "balance-limit"))),
            Map.entry("rewardPoolOdds", List.of("unknown-reward-pool")),
            Map.entry("createCampaign", list(AMOUNT, CONSISTENT_READ, PROJECTION_READ, List.of("unknown-partner", "campaign-reward-unavailable"))),
            Map.entry("listCampaigns", list(PROJECTION_READ, List.of("unknown-partner"))),
            Map.entry("campaign", list(PROJECTION_READ, List.of("unknown-partner", "unknown-campaign"))),
            Map.entry("scheduleCampaign", list(CONSISTENT_READ, PROJECTION_READ, List.of("unknown-partner", "unknown-campaign",
                    "status-conflict", "campaign-period-over"))),
            Map.entry("cancelCampaign", list(CONSISTENT_READ, PROJECTION_READ, List.of("unknown-partner", "unknown-campaign",
                    "status-conflict"))),
            Map.entry("campaignStats", list(REPORT, List.of("unknown-partner", "unknown-campaign"))));

    private ProblemResponses() {
    }

    static void addTo(Operation operation, boolean partnerKey, boolean adminKey) {
        List<String> own = OWN.get(operation.getOperationId());
        if (own == null) {
            throw new IllegalStateException("operation " + operation.getOperationId() + " has no problem list in ProblemResponses.OWN");
        }
        Set<String> types = new TreeSet<>(EVERY_OPERATION);
        types.addAll(own);
        if (partnerKey || adminKey) {
            types.addAll(WITH_A_KEY);
            types.addAll(partnerKey ? PARTNER_KEY : ADMIN_KEY);
        }
        if (operation.getRequestBody() != null) {
            types.addAll(WITH_A_BODY);
        }
        if (parameters(operation).anyMatch(parameter -> parameter.getName().equals("consistent_with"))) {
            types.addAll(CONSISTENT_READ);
        }
        Map<Integer, List<String>> byStatus = new TreeMap<>();
        types.forEach(type -> byStatus.computeIfAbsent(ProblemTypes.statusOf(type), status -> new ArrayList<>()).add(type));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, ofStatus) -> {
            ApiResponse problem = OpenApiConfiguration.problem(String.join(", ", ofStatus.stream().map(type -> "`" + type + "`").toList())
                    + " (docs/api-guide.md, Problems)");
            problem.addExtension(TYPES_EXTENSION, ofStatus);
            responses.addApiResponse(Integer.toString(status), problem);
        });
        operation.setResponses(responses);
    }

    private static Stream<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? Stream.empty() : operation.getParameters().stream();
    }

    @SafeVarargs
    private static List<String> list(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
