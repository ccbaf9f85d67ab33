package io.chipledger.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parameters come from the query string only, and only as Tomcat can read them; checked before
 * anything routes the request, for every endpoint:
 * <ul>
 * <li>a form body ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}) is a 415
 * {@code http-415}: no endpoint takes one, and Spring read its fields as query parameters, past
 * every check of the query string (a resend's {@code since} sent in a form). The console's pages
 * (issue 21) are the exception: a browser's form posts {@code application/x-www-form-urlencoded} to
 * {@code /console/**}, matched on the decoded path as Spring Security matches it (paths the firewall
 * would refuse are refused there before any handler runs), and only console handlers are mapped there;</li>
 * <li>a query string Tomcat could not read (a {@code %} not followed by two hex digits, bytes that
 * are not UTF-8, more parameters than Tomcat takes) is a 400 {@code invalid-request}. Tomcat drops
 * such a parameter and logs it, so a handler saw it as absent: a resend with {@code since=%zz} sent
 * the whole history again, and a listing with {@code limit=%zz} answered a default page.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class QueryStringFilter extends OncePerRequestFilter {

    /** Tomcat marks a request whose parameters it could not parse (org.apache.catalina.Globals). */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private static final RequestMatcher CONSOLE = PathPatternRequestMatcher.withDefaults().matcher("/console/**");

    private final ObjectMapper json;

    QueryStringFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isForm(request.getContentType()) && !isConsoleForm(request)) {
            refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "http-415", "bodies are JSON (application/json); parameters go in the query string");
            return;
        }
        if (request.getQueryString() != null) {
            request.getParameterNames(); // Tomcat parses the query string now, and marks the request if it could not
            if (request.getAttribute(PARSE_FAILED) != null) {
                refuse(response, HttpStatus.BAD_REQUEST, "invalid-request",
                        "the query string does not parse: parameters are name=value pairs joined by &, percent-encoded UTF-8");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A browser's form post to the console: url-encoded, never multipart (the console uploads nothing). */
    private static boolean isConsoleForm(HttpServletRequest request) {
        return request.getContentType().toLowerCase(java.util.Locale.ROOT).strip().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                && CONSOLE.matches(request);
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT).strip();
        return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String type, String detail) throws IOException {
        Problems.write(response, json, Problems.of(status, type, detail));
    }
}
