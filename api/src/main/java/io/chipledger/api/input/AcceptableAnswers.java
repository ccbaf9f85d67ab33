package io.chipledger.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before a handler runs, a request whose {@code Accept} header allows no JSON answer:
 * 406 {@code http-406}, nothing done. Spring MVC chooses the answer's media type only after the
 * handler returned, so a deposit sent with {@code Accept: application/xml} was made, committed,
 * and then answered 406: a refusal that had changed the ledger. Applies to the ledger's own
 * handlers; the actuator and the OpenAPI document negotiate for themselves.
 */
@Component
public class AcceptableAnswers implements HandlerInterceptor {

    private static final String OWN_PACKAGE = "io.chipledger.";

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
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OWN_PACKAGE)) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || acceptsJson(accept)) {
            return true;
        }
        response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.NOT_ACCEPTABLE, "http-406",
                "answers are application/json (problems application/problem+json): send an Accept header that allows application/json"));
        return false;
    }

    private static boolean acceptsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
