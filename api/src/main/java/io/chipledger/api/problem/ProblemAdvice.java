package io.chipledger.api.problem;

import io.chipledger.api.FailuresOfTheMoment;
import io.chipledger.api.admin.UnknownAdminKeyException;
import io.chipledger.api.database.DatabaseReachability;
import io.chipledger.api.aml.RescanTooLargeException;
import io.chipledger.api.aml.UnknownAmlAlertException;
import io.chipledger.api.segment.UnsegmentedPlayerException;
import io.chipledger.api.aml.UnknownAmlProfileException;
import io.chipledger.api.asset.AssetRegistry.UnknownAssetException;
import io.chipledger.api.command.LedgerBusyException;
import io.chipledger.api.activity.UnknownPlayerException;
import io.chipledger.api.idempotency.IdempotencyKeyReusedException;
import io.chipledger.api.job.UnknownJobException;
import io.chipledger.api.purchase.ReceiptKeyMissingException;
import io.chipledger.api.partner.UnknownPartnerException;
import io.chipledger.api.projection.ConsistentReadsBusyException;
import io.chipledger.api.projection.ProjectionLagException;
import io.chipledger.api.projection.ProjectionParkedException;
import io.chipledger.api.projection.ProjectionRebuildingException;
import io.chipledger.api.projection.RebuildFailedException;
import io.chipledger.api.projection.RebuildRefusedException;
import io.chipledger.api.projection.ResendRefusedException;
import io.chipledger.api.audit.UnknownAggregateException;
import io.chipledger.api.audit.UnknownVerificationException;
import io.chipledger.api.audit.UnreadableHistoryException;
import io.chipledger.api.audit.VerificationRunningException;
import io.chipledger.api.projection.UnknownProjectionException;
import io.chipledger.api.report.AnalyticsUnavailableException;
import io.chipledger.api.report.ReportTooLargeException;
import io.chipledger.api.settlement.AnalyticsBehindException;
import io.chipledger.api.settlement.SettlementRefusedException;
import io.chipledger.api.settlement.UnknownSettlementException;
import io.chipledger.api.wallet.BatchRefusedException;
import io.chipledger.api.wallet.UnknownWalletException;
import io.chipledger.core.asset.AmountFormat.InvalidAmountException;
import io.chipledger.api.coupon.CouponAttemptsLimitedException;
import io.chipledger.core.ledger.RuleViolation;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is an RFC 7807 problem document with a stable {@code type} per case, so a
 * partner's code can branch on it. Business refusals carry the figures the caller needs.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    /** What a request that failed for the moment is told; a command may have been recorded if its connection was cut as it committed. */
    static final String MOMENTARY_FAILURE = "the ledger could not complete the request right now (its database away, restarting or "
            + "overloaded); send the same request again with the same idempotency key: a command runs at most once";

    private final DatabaseReachability database;

    ProblemAdvice(DatabaseReachability database) {
        this.database = database;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation violation) {
        ProblemDetail problem = Problems.of(statusOf(violation.rule()), slug(violation.rule().name()), violation.getMessage());
        violation.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "idempotency-key-reused", exception.getMessage());
        problem.setProperty("idempotency_key", exception.idempotencyKey());
        return problem;
    }

    @ExceptionHandler(BatchRefusedException.class)
    ProblemDetail batchRefused(BatchRefusedException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "batch-refused", exception.getMessage());
        exception.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(LedgerBusyException.class)
    ResponseEntity<ProblemDetail> ledgerBusy(LedgerBusyException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger-busy", exception.getMessage());
        exception.properties().forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(AnalyticsUnavailableException.class)
    ResponseEntity<ProblemDetail> analyticsUnavailable(AnalyticsUnavailableException exception) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (!exception.off()) {
            answer.header(HttpHeaders.RETRY_AFTER, "30");
        }
        return answer.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE, exception.off() ? "analytics-off" : "analytics-unavailable", exception.getMessage()));
    }

    @ExceptionHandler(SettlementRefusedException.class)
    ProblemDetail settlementRefused(SettlementRefusedException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, exception.type(), exception.getMessage());
        problem.setProperty("statements", exception.statements());
        return problem;
    }

    @ExceptionHandler(UnsegmentedPlayerException.class)
    ProblemDetail unsegmentedPlayer(UnsegmentedPlayerException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-player", exception.getMessage());
    }

    @ExceptionHandler(CouponAttemptsLimitedException.class)
    ResponseEntity<ProblemDetail> couponAttemptsLimited(CouponAttemptsLimitedException exception) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "coupon-attempts-limited", exception.getMessage()));
    }

    @ExceptionHandler(UnknownAmlAlertException.class)
    ProblemDetail unknownAmlAlert(UnknownAmlAlertException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-aml-alert", exception.getMessage());
    }

    @ExceptionHandler(UnknownAmlProfileException.class)
    ProblemDetail unknownAmlProfile(UnknownAmlProfileException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-aml-profile", exception.getMessage());
    }

    @ExceptionHandler(RescanTooLargeException.class)
    ProblemDetail rescanTooLarge(RescanTooLargeException exception) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "rescan-too-large", exception.getMessage());
    }

    @ExceptionHandler(UnknownSettlementException.class)
    ProblemDetail unknownSettlement(UnknownSettlementException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-settlement", exception.getMessage());
    }

    @ExceptionHandler(AnalyticsBehindException.class)
    ResponseEntity<ProblemDetail> analyticsBehind(AnalyticsBehindException exception) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "analytics-behind", exception.getMessage()));
    }

    @ExceptionHandler(ReportTooLargeException.class)
    ProblemDetail reportTooLarge(ReportTooLargeException exception) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "report-too-large", exception.getMessage());
    }

    @ExceptionHandler(UnreadableHistoryException.class)
    ProblemDetail unreadableHistory(UnreadableHistoryException exception) {
        log.error("The audit API met a stored event it cannot read: {}", exception.getMessage());
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "unreadable-history", exception.getMessage());
    }

    @ExceptionHandler(UnknownVerificationException.class)
    ProblemDetail unknownVerification(UnknownVerificationException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-verification", exception.getMessage());
    }

    @ExceptionHandler(VerificationRunningException.class)
    ProblemDetail verificationRunning(VerificationRunningException exception) {
        return Problems.of(HttpStatus.CONFLICT, "verification-running", exception.getMessage());
    }

    @ExceptionHandler(UnknownAggregateException.class)
    ProblemDetail unknownAggregate(UnknownAggregateException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-aggregate", exception.getMessage());
    }

    @ExceptionHandler(UnknownWalletException.class)
    ProblemDetail unknownWallet(UnknownWalletException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-wallet", exception.getMessage());
    }

    @ExceptionHandler(UnknownPlayerException.class)
    ProblemDetail unknownPlayer(UnknownPlayerException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-player", exception.getMessage());
    }

    @ExceptionHandler(ReceiptKeyMissingException.class)
    ProblemDetail receiptKeyMissing(ReceiptKeyMissingException exception) {
        return Problems.of(HttpStatus.CONFLICT, "receipt-key-missing", exception.getMessage());
    }

    @ExceptionHandler(UnknownAdminKeyException.class)
    ProblemDetail unknownAdminKey(UnknownAdminKeyException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-admin-key", exception.getMessage());
    }

    @ExceptionHandler(UnknownPartnerException.class)
    ProblemDetail unknownPartner(UnknownPartnerException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-partner", exception.getMessage());
    }

    @ExceptionHandler(ProjectionParkedException.class)
    ProblemDetail projectionParked(ProjectionParkedException exception) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "projection-parked", exception.getMessage());
    }

    @ExceptionHandler(RebuildRefusedException.class)
    ProblemDetail rebuildRefused(RebuildRefusedException exception) {
        return Problems.of(HttpStatus.CONFLICT, "rebuild-refused", exception.getMessage());
    }

    @ExceptionHandler(ResendRefusedException.class)
    ProblemDetail resendRefused(ResendRefusedException exception) {
        return Problems.of(HttpStatus.CONFLICT, "resend-refused", exception.getMessage());
    }

    @ExceptionHandler(RebuildFailedException.class)
    ProblemDetail rebuildFailed(RebuildFailedException exception) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "rebuild-failed", exception.getMessage());
    }

    @ExceptionHandler(ProjectionRebuildingException.class)
    ResponseEntity<ProblemDetail> projectionRebuilding(ProjectionRebuildingException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "projection-rebuilding", exception.getMessage());
        problem.setProperty("projection", exception.projection());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ProblemDetail unknownProjection(UnknownProjectionException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-projection", exception.getMessage());
    }

    @ExceptionHandler(UnknownJobException.class)
    ProblemDetail unknownJob(UnknownJobException exception) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-job", exception.getMessage());
    }

    @ExceptionHandler(InvalidAmountException.class)
    ProblemDetail invalidAmount(InvalidAmountException exception) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-amount", exception.getMessage());
    }

    @ExceptionHandler(UnknownAssetException.class)
    ProblemDetail unknownAsset(UnknownAssetException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "unknown-currency", exception.getMessage());
        if (exception.field() != null) {
            problem.setProperty("field", exception.field());
        }
        return problem;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", exception.getMessage());
        problem.setProperty("field", exception.field());
        return problem;
    }

    @ExceptionHandler(ProjectionLagException.class)
    ResponseEntity<ProblemDetail> projectionLag(ProjectionLagException exception) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "projection-lagging", exception.getMessage()));
    }

    @ExceptionHandler(ConsistentReadsBusyException.class)
    ResponseEntity<ProblemDetail> consistentReadsBusy(ConsistentReadsBusyException exception) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "consistent-reads-busy", exception.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException exception) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", exception.getMessage());
    }

    /**
     * A failure of the moment (the database away or restarting, a deadlock, the service stopping) is
     * no fault of the request nor of the ledger: 503 {@code ledger-busy}, retryable with the same key,
     * and one WARN line. Anything else is a 500 with its stack trace in the log.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (FailuresOfTheMoment.isOfTheMoment(exception)) {
            database.noteFailure(exception);
            log.warn("A request failed for the moment, answered 503 ledger-busy: {}", exception.toString());
            return ledgerBusy(new LedgerBusyException(MOMENTARY_FAILURE));
        }
        log.error("Unexpected failure", exception);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "the ledger could not process the request; nothing was recorded unless a retry says otherwise"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = BodyProblems.of(exception);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * Every refusal Spring MVC makes itself (a wrong method, media type, parameter or header, no
     * such endpoint) gets a detail in our words: Spring's own repeat what was sent, in full, and
     * some name Java types.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        return super.handleExceptionInternal(exception, FrameworkProblems.of(exception, status), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType().equals(URI.create("about:blank"))) {
            problem.setType(URI.create(Problems.TYPE_BASE + "http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static HttpStatus statusOf(RuleViolation.Rule rule) {
        return switch (rule) {
            case INSUFFICIENT_FUNDS, BALANCE_LIMIT, OPEN_BETS_LIMIT, OPEN_ROUNDS_LIMIT, PENDING_WITHDRAWALS_LIMIT, API_KEYS_LIMIT,
                 ROUND_ASSET_MISMATCH, BET_ROUND_MISMATCH, SEGMENT_RULES_LIMIT, REWARD_POOLS_LIMIT, CAMPAIGN_REWARD_UNAVAILABLE,
                 COUPON_USED_UP, COUPON_PLAYER_LIMIT, PLAYER_NOT_IN_COUPON_SEGMENT, COUPON_NOTHING_TO_PAY_BACK -> HttpStatus.UNPROCESSABLE_ENTITY;
            case WALLET_FROZEN -> HttpStatus.LOCKED;
            case UNKNOWN_WITHDRAWAL, UNKNOWN_API_KEY, UNKNOWN_BET, UNKNOWN_ROUND, UNKNOWN_SEGMENT_RULE, UNKNOWN_COUPON, UNKNOWN_REWARD_POOL,
                 UNKNOWN_CAMPAIGN -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
    }

    private static String slug(String ruleName) {
        return ruleName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
