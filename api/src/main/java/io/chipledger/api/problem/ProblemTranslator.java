package io.chipledger.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * The problem document the API would answer for an exception, for callers that show it another
 * way: the console (issue 21) puts its title and detail on the page. It runs {@link ProblemAdvice}'s
 * own handler for the exception, so a refusal reads the same on the page as through the API.
 */
@Component
public class ProblemTranslator {

    private final ProblemAdvice advice;
    private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(ProblemAdvice.class);

    ProblemTranslator(ProblemAdvice advice) {
        this.advice = advice;
    }

    /** The problem for {@code failure}; a 500 {@code internal-error} when the advice itself fails. */
    public ProblemDetail problemOf(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        Method handler = handlers.resolveMethod(failure);
        if (handler == null) {
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the ledger could not process the request");
        }
        Object[] arguments = new Object[handler.getParameterCount()];
        Class<?>[] types = handler.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i].isInstance(failure)) {
                arguments[i] = failure;
            } else if (WebRequest.class.isAssignableFrom(types[i])) {
                arguments[i] = new ServletWebRequest(request, response);
            } else if (HttpServletRequest.class.isAssignableFrom(types[i])) {
                arguments[i] = request;
            }
        }
        try {
            handler.setAccessible(true);
            Object answer = handler.invoke(advice, arguments);
            if (answer instanceof ResponseEntity<?> entity) {
                return entity.getBody() instanceof ProblemDetail problem ? problem : ProblemDetail.forStatus(entity.getStatusCode());
            }
            return answer instanceof ProblemDetail problem ? problem : ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        } catch (IllegalAccessException | InvocationTargetException unexpected) {
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the ledger could not process the request");
        }
    }
}
