package io.chipledger.api.problem;

import io.chipledger.api.input.Instants;
import java.time.Instant;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Our words for the refusals Spring MVC makes before a controller runs. */
final class FrameworkProblems {

    static final String WHOLE_NUMBER_RULE = "a whole number: an optional '-' and 1-18 digits";

    private FrameworkProblems() {
    }

    static ProblemDetail of(Exception exception, HttpStatusCode status) {
        if (exception instanceof TypeMismatchException mismatch) {
            return invalid(mismatch.getPropertyName(), " must be " + parameterKind(mismatch.getRequiredType()));
        }
        if (exception instanceof MissingServletRequestParameterException missing) {
            return invalid(missing.getParameterName(), " is required");
        }
        if (exception instanceof MissingRequestHeaderException missing) {
            return invalid(missing.getHeaderName(), " header is required");
        }
        if (exception instanceof HttpRequestMethodNotSupportedException method) {
            return Problems.of(status, "http-" + status.value(),
                    "this endpoint does not answer " + Echo.of(method.getMethod()) + "; see the Allow header");
        }
        if (exception instanceof HttpMediaTypeNotSupportedException) {
            return Problems.of(status, "http-" + status.value(), "a request body must be application/json");
        }
        if (exception instanceof HttpMediaTypeNotAcceptableException) {
            return Problems.of(status, "http-" + status.value(), "answers are application/json or application/problem+json");
        }
        if (exception instanceof NoHandlerFoundException || exception instanceof NoResourceFoundException) {
            return Problems.of(status, "http-" + status.value(), "there is no such endpoint");
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return Problems.of(status, "http-" + status.value(),
                "the request could not be handled: " + (known == null ? status.value() : known.getReasonPhrase()));
    }

    private static ProblemDetail invalid(String field, String rule) {
        String name = field == null ? "a parameter" : Echo.of(field);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", name + rule);
        problem.setProperty("field", name);
        return problem;
    }

    private static String parameterKind(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return WHOLE_NUMBER_RULE;
        }
        return type == Instant.class ? Instants.RULE : BodyProblems.kindOf(type);
    }
}
