package io.chipledger.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 400 {@code invalid-request}, a request whose query string Tomcat could not read:
 * a {@code %} not followed by two hex digits, bytes that are not UTF-8, more parameters than Tomcat
 * takes. Tomcat drops such a parameter and logs it, so a handler saw it as absent: a resend with
 * {@code since=%zz} sent the whole history again, and a listing with {@code limit=%zz} answered a
 * default page. Checked before anything routes the request, for every endpoint.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class QueryStringFilter extends OncePerRequestFilter {

    /** Tomcat marks a request whose parameters it could not parse (org.apache.catalina.Globals). */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private final ObjectMapper json;

    QueryStringFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            request.getParameterNames(); // Tomcat parses the query string now, and marks the request if it could not
            if (request.getAttribute(PARSE_FAILED) != null) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                        "the query string does not parse: parameters are name=value pairs joined by &, percent-encoded UTF-8"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
