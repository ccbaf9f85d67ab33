package io.chipledger.api.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.chipledger.api.input.Instants;
import io.chipledger.api.input.RefusedInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns a body Jackson could not read into a problem document in our own words: which field (its
 * JSON path), what kind of value it needs, where in the text; never Jackson's message, which
 * names Java types and repeats the input.
 */
final class BodyProblems {

    private BodyProblems() {
    }

    static ProblemDetail of(HttpMessageNotReadableException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", tooLarge.getMessage());
            }
            if (cause instanceof JsonProcessingException json) {
                return of(json);
            }
        }
        return malformed("a JSON body is required");
    }

    private static ProblemDetail of(JsonProcessingException exception) {
        if (exception instanceof RefusedInputException refused) {
            return withField(Problems.of(HttpStatus.BAD_REQUEST, refused.problemType(),
                    describe(refused) + " " + refused.reason()), refused);
        }
        if (exception instanceof StreamConstraintsException) {
            return located(malformed("the body holds a number, text or nesting beyond what any field allows"), exception);
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return withField(malformed(describe(unknown) + " is not a field of this request"), unknown);
        }
        if (exception instanceof MismatchedInputException mismatched) {
            if (!mismatched.getPath().isEmpty()) {
                return withField(malformed(describe(mismatched) + " must be " + kindOf(mismatched.getTargetType())), mismatched);
            }
            if (startsWith(mismatched, "Trailing token")) {
                return located(malformed("content follows the JSON document; send exactly one JSON object"), mismatched);
            }
            return located(malformed("the body must be one JSON object"), mismatched);
        }
        if (exception instanceof JsonParseException && startsWith(exception, "Duplicate field")) {
            return located(malformed("a key appears twice in one JSON object; each key at most once"), exception);
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            if (mapping.getCause() instanceof JsonProcessingException inner && !(inner instanceof JsonMappingException)) {
                // Inside a field that takes free JSON (a segment condition): the parser's own reason, at that field.
                ProblemDetail problem = of(inner);
                problem.setDetail(describe(mapping) + ": " + problem.getDetail());
                return withField(problem, mapping);
            }
            return withField(malformed(describe(mapping) + " cannot be read"), mapping);
        }
        return located(malformed("the body is not valid JSON"), exception);
    }

    /** The field's JSON path, such as {@code grants[3].amount}, shortened like every echo. */
    static String path(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return Echo.of(path);
    }

    private static String describe(JsonMappingException exception) {
        return exception.getPath().isEmpty() ? "the body" : path(exception);
    }

    private static ProblemDetail withField(ProblemDetail problem, JsonMappingException exception) {
        if (!exception.getPath().isEmpty()) {
            problem.setProperty("field", path(exception));
        }
        return located(problem, exception);
    }

    private static ProblemDetail located(ProblemDetail problem, JsonProcessingException exception) {
        JsonLocation location = exception.getLocation();
        if (location != null && location.getLineNr() > 0) {
            problem.setProperty("line", location.getLineNr());
            problem.setProperty("column", location.getColumnNr());
        }
        return problem;
    }

    private static ProblemDetail malformed(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", detail);
    }

    /** Our own names for the kinds of value a field takes. */
    static String kindOf(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class) {
            return "a decimal";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return Instants.RULE;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static boolean startsWith(JsonProcessingException exception, String prefix) {
        String message = exception.getOriginalMessage();
        return message != null && message.startsWith(prefix);
    }

}
