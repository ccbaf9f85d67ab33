package io.chipledger.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.problem.Problems;
import org.springframework.core.annotation.AnnotatedElementUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import io.chipledger.api.report.CsvTable;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before a handler runs, a request whose {@code Accept} header allows neither a JSON
 * answer nor a JSON problem:
 * 406 {@code http-406}, nothing done. Spring MVC chooses the answer's media type only after the
 * handler returned, so a deposit sent with {@code Accept: application/xml} was made, committed,
 * and then answered 406: a refusal that had changed the ledger. Applies to the ledger's own
 * handlers; the actuator, the OpenAPI document and the console's pages (HTML for a browser) negotiate for themselves.
 */
@Component
public class AcceptableAnswers implements HandlerInterceptor {

    private static final String OWN_PACKAGE = "io.chipledger.";
    /** A handler that answers a body answers JSON: the caller must take it. */
    private static final List<MediaType> ANSWER = List.of(MediaType.APPLICATION_JSON);
    /** A report answers JSON, or CSV when asked. */
    private static final List<MediaType> ANSWER_OR_CSV = List.of(MediaType.APPLICATION_JSON, new MediaType("text", "csv"));
    /** A handler that answers 204 has no body to negotiate: a caller that takes JSON problems only (a generated client) is served. */
    private static final List<MediaType> ANSWER_OR_PROBLEM = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final ObjectMapper json;

    AcceptableAnswers(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Writes the 406 problem itself, as JSON whatever {@code Accept} says: left to Spring MVC, a
     * header it cannot parse got a 406 with no body at all.
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OWN_PACKAGE)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ConsoleController.class)) {
            return true;
        }
        // Every Accept line counts, as Spring MVC reads them: checking the first alone let a second line refuse after the handler ran.
        String accept = AcceptHeaderFilter.accept(request);
        boolean answersABody = method.getMethod().getReturnType() != void.class;
        List<MediaType> answered = answersABody ? answers(method) : ANSWER_OR_PROBLEM;
        if (accept == null || accept.isBlank() || acceptable(accept, answered)) {
            return true;
        }
        refuse(response, json, "answers are " + String.join(" or ", answered.stream().map(MediaType::toString).toList())
                + " (problems application/problem+json), in UTF-8: send an Accept header that allows one");
        return false;
    }

    /** Writes the 406 problem, as UTF-8 JSON whatever {@code Accept} says. */
    static void refuse(HttpServletResponse response, ObjectMapper json, String detail) throws IOException {
        Problems.write(response, json, Problems.of(HttpStatus.NOT_ACCEPTABLE, "http-406", detail));
    }

    /** What the handler answers: JSON, and CSV too when its answer can be a table ({@link CsvTable}: the reports). */
    private static List<MediaType> answers(HandlerMethod method) {
        return CsvTable.class.isAssignableFrom(method.getMethod().getReturnType()) ? ANSWER_OR_CSV : ANSWER;
    }

    /**
     * Whether the header allows one of the {@code answered} types: some range that includes it with
     * a quality above 0, and no range at least as specific that gives it quality 0
     * (RFC 9110: {@code q=0} is "not acceptable"). A header that does not parse allows neither.
     */
    static boolean acceptable(String accept, List<MediaType> answered) {
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        return answered.stream().anyMatch(type -> allows(ranges, type));
    }

    private static boolean allows(List<MediaType> ranges, MediaType answered) {
        int bestAllowing = -1;
        int bestRefusing = -1;
        for (MediaType range : ranges) {
            if (range.includes(answered)) {
                int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (range.getQualityValue() > 0) {
                    bestAllowing = Math.max(bestAllowing, specificity);
                } else {
                    bestRefusing = Math.max(bestRefusing, specificity);
                }
            }
        }
        return bestAllowing >= 0 && bestAllowing > bestRefusing;
    }
}
