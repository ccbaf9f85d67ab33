package io.chipledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.problem.Problems;
import io.chipledger.api.security.AccessRefusedException.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;

/**
 * Answers the refusals made in the security filter chain, before Spring MVC runs, with the same
 * problem documents the controllers answer: no key, a bad key, a path the firewall rejects.
 */
@Component
class ProblemWriter {

    private static final String REJECTED_DETAIL = "the request's method, path or headers are refused: an HTTP method the API does not use, "
            + "encoded separators, ';' parameters, '//', '.' or '..' segments, or control characters";
    private static final List<String> ACTUATOR_ROLE_NAMES =
            Arrays.stream(SecurityConfiguration.ACTUATOR_ROLES).map(role -> role.toLowerCase(Locale.ROOT)).toList();

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Entry point: an anonymous request to an endpoint that needs a key. */
    void keyRequired(HttpServletRequest request, HttpServletResponse response, AuthenticationException cause) throws IOException {
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "key-required",
                "this endpoint needs a key: X-API-Key for a partner's backend, X-Admin-Key for operators' staff"));
    }

    /** A key that was sent and refused. */
    void keyRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException cause) throws IOException {
        if (cause instanceof KeyRefusedException refused) {
            if (refused.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            }
            write(response, Problems.of(refused.status(), refused.slug(), refused.getMessage()));
        } else {
            write(response, Problems.of(HttpStatus.UNAUTHORIZED, "invalid-key", "the key was refused"));
        }
    }

    /** An authenticated caller the filter chain's rules refuse (the actuator beyond health and info). */
    void forbidden(HttpServletRequest request, HttpServletResponse response,
                   org.springframework.security.access.AccessDeniedException cause) throws IOException {
        boolean admin = SecurityContextHolder.getContext().getAuthentication() instanceof KeyAuthentication key
                && key.getPrincipal() instanceof AdminPrincipal;
        write(response, AccessProblemAdvice.problemOf(new AccessRefusedException(admin ? Reason.MISSING_ROLE : Reason.ADMIN_ONLY,
                "this endpoint needs an admin key with one of the roles " + String.join(", ", ACTUATOR_ROLE_NAMES), ACTUATOR_ROLE_NAMES)));
    }

    /** Over a rate limit: 429 with {@code Retry-After} in whole seconds, when the bucket holds a request again. */
    void rateLimited(HttpServletResponse response, RateLimits.Decision decision, String who) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", who + " may make " + decision.limit().requestsPerSecond()
                + " requests a second (bursts of " + decision.limit().burst() + "); retry after " + decision.retryAfterSeconds() + " s"));
    }

    /**
     * A request the firewall refuses: encoded separators, {@code ;} parameters, {@code //},
     * {@code /./}, {@code ..}, control characters. The path is not echoed: it is what was hostile.
     */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException cause) throws IOException {
        write(response, rejectedRequest());
    }

    /** The firewall's refusal, wherever it surfaces: in the filter chain, or when a handler first reads a header. */
    static ProblemDetail rejectedRequest() {
        return Problems.of(HttpStatus.BAD_REQUEST, "rejected-request", REJECTED_DETAIL);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.write(response, json, problem);
    }
}
