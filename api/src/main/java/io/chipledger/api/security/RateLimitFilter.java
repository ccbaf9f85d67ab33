package io.chipledger.api.security;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request over its rate limit with a 429 problem and {@code Retry-After} (seconds),
 * before anything else is done for it. Two of these sit in the security filter chain:
 * <ul>
 *   <li>{@link #perAddress}: before the key is checked, every request of a client address, with or
 *       without a key (key guessing costs the guesser); the health probes are not counted, so a
 *       flood cannot make an orchestrator restart a healthy node;</li>
 *   <li>{@link #perKey}: after the key is accepted, every request of that key under its partner's
 *       limit (admin API) or the configured default.</li>
 * </ul>
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final ProblemWriter problems;
    private final ClientAddresses addresses;
    private final RateLimit addressLimit;
    private final RequestMatcher notCounted;

    private RateLimitFilter(RateLimits limits, ProblemWriter problems, ClientAddresses addresses, RateLimit addressLimit,
                            RequestMatcher notCounted) {
        this.limits = limits;
        this.problems = problems;
        this.addresses = addresses;
        this.addressLimit = addressLimit;
        this.notCounted = notCounted;
    }

    /** Every request of a client address but those {@code notCounted} matches (the health probes, matched as routed). */
    static RateLimitFilter perAddress(RateLimits limits, ProblemWriter problems, ClientAddresses addresses, RateLimit limit,
                                      RequestMatcher notCounted) {
        return new RateLimitFilter(limits, problems, addresses, limit, notCounted);
    }

    static RateLimitFilter perKey(RateLimits limits, ProblemWriter problems) {
        return new RateLimitFilter(limits, problems, null, null, request -> false);
    }

    /** Each of the two counts once a request: one shared "already filtered" mark would let the second skip every request. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return RateLimitFilter.class.getName() + (addresses != null ? ".address" : ".key");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimits.Decision decision = addresses != null ? byAddress(request) : byKey();
        if (decision == null || decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        problems.rateLimited(response, decision, addresses != null ? "this client address" : "this key");
    }

    private RateLimits.Decision byAddress(HttpServletRequest request) {
        if (notCounted.matches(request)) {
            return null;
        }
        return limits.take("address:" + addresses.of(request), addressLimit);
    }

    private RateLimits.Decision byKey() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof KeyAuthentication key)) {
            return null;
        }
        return limits.take("key:" + key.keyId(), key.rateLimit());
    }
}
