package io.chipledger.api.security;

import io.chipledger.api.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal by a handler's access rule, as a problem naming what would have been accepted
 * ({@code required}: the scope, or the roles). Ordered first, ahead of the catch-all advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblemAdvice {

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException denied) {
        ProblemDetail problem = Problems.of(denied.reason().status(), denied.reason().slug(), denied.getMessage());
        if (!denied.required().isEmpty()) {
            problem.setProperty("required", denied.required());
        }
        return problem;
    }
}
