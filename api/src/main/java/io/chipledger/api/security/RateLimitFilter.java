package io.chipledger.api.security;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
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

    private final ProblemWriter problems;
    /** Who is limited, as the problem's detail names it. */
    private final String who;
    /** The decision for a request, or null when this filter does not count it. */
    private final Function<HttpServletRequest, RateLimits.Decision> decide;

    private RateLimitFilter(ProblemWriter problems, String who, Function<HttpServletRequest, RateLimits.Decision> decide) {
        this.problems = problems;
        this.who = who;
        this.decide = decide;
    }

    /** Every request of a client address but those {@code notCounted} matches (the health probes, matched as routed). */
    static RateLimitFilter perAddress(RateLimits limits, ProblemWriter problems, ClientAddresses addresses, RateLimit limit,
                                      RequestMatcher notCounted) {
        return new RateLimitFilter(problems, "this client address",
                request -> notCounted.matches(request) ? null : limits.take("address:" + addresses.of(request), limit));
    }

    /** Every request of an accepted key, under the limit its authentication carries. */
    static RateLimitFilter perKey(RateLimits limits, ProblemWriter problems) {
        return new RateLimitFilter(problems, "this key",
                request -> SecurityContextHolder.getContext().getAuthentication() instanceof KeyAuthentication key
                        ? limits.take("key:" + key.keyId(), key.rateLimit())
                        : null);
    }

    /** Each of the two counts once a request: one shared "already filtered" mark would let the second skip every request. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return RateLimitFilter.class.getName() + "." + who;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimits.Decision decision = decide.apply(request);
        if (decision == null || decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        problems.rateLimited(response, decision, who);
    }
}
