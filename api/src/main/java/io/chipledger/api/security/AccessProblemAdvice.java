package io.chipledger.api.security;

import io.chipledger.api.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal by a handler's access rule, as a problem naming what would have been accepted
 * ({@code required}: the scope, or the roles), and a firewall refusal raised after routing.
 * Ordered first, ahead of the catch-all advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblemAdvice {

    /**
     * The firewall checks a header's value when code first reads it, so a header with a control
     * character can surface here, after routing, rather than in the filter chain: the same 400.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException rejected) {
        return ProblemWriter.rejectedRequest();
    }

    @ExceptionHandler(AccessRefusedException.class)
    ProblemDetail accessRefused(AccessRefusedException denied) {
        return problemOf(denied);
    }

    /** The one mapping of a refusal to its problem document, for the filter chain's refusals too ({@link ProblemWriter}). */
    static ProblemDetail problemOf(AccessRefusedException denied) {
        ProblemDetail problem = Problems.of(denied.reason().status(), denied.reason().slug(), denied.getMessage());
        if (!denied.required().isEmpty()) {
            problem.setProperty("required", denied.required());
        }
        return problem;
    }
}
