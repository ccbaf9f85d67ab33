package io.chipledger.api.problem;

import java.lang.reflect.Method;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * The problem document a refusal would have been answered with, for answers that carry several
 * refusals in one body (the batch's per-command results). Asks the same {@code @ExceptionHandler}
 * of {@link ProblemAdvice} that answers a single request, through Spring's own resolver, so a
 * command refused in a batch says exactly what it says alone.
 */
@Component
public class RefusalProblems {

    private final ProblemAdvice advice;
    private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(ProblemAdvice.class);

    RefusalProblems(ProblemAdvice advice) {
        this.advice = advice;
    }

    public ProblemDetail of(RuntimeException refusal) {
        Method handler = handlers.resolveMethod(refusal);
        if (handler == null || handler.getParameterCount() != 1) {
            // Only Spring MVC's own refusals need more than the exception, and none is thrown by a command.
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the ledger could not process the command");
        }
        ReflectionUtils.makeAccessible(handler);
        Object answer = ReflectionUtils.invokeMethod(handler, advice, refusal);
        if (answer instanceof ResponseEntity<?> entity && entity.getBody() instanceof ProblemDetail problem) {
            return problem;
        }
        return (ProblemDetail) answer;
    }
}
