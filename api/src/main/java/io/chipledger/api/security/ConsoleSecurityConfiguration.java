package io.chipledger.api.security;

import io.chipledger.projections.admin.AdminAccessProjection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin console's own filter chain (issue 21; docs/console.md, docs/security.md): a browser
 * cannot send {@code X-Admin-Key}, so staff sign in once with their admin key and hold a session.
 * <ul>
 *   <li>Sign-in: the key is checked by the same {@link KeyAuthenticationProvider} as the API's
 *       header (admin keys only, revoked and expired keys refused); the session id changes at sign-in.</li>
 *   <li>The session cookie ({@code CHIPLEDGER_CONSOLE}, path {@code /console}) is HttpOnly and
 *       SameSite=Strict, Secure whenever the request came over HTTPS; the session ends after
 *       {@code server.servlet.session.timeout} idle (30 minutes unless set) and at sign-out.</li>
 *   <li>Every state-changing request carries the session's CSRF token (Spring Security's default
 *       {@code CsrfFilter}); a post without it is refused with 403.</li>
 *   <li>Every request re-reads the admin key: a key revoked or expired since sign-in ends the session
 *       at once, as it ends the API's access at the next request.</li>
 *   <li>Which admin may call which console handler is decided after routing, like the API's,
 *       by {@link HandlerAccessInterceptor} from the rule of the API endpoint the handler fronts ({@link ConsoleAccess}).</li>
 * </ul>
 * Sessions live in this node's memory: behind a load balancer the console needs sticky sessions
 * (docs/decisions.md).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    static final String COOKIE = "CHIPLEDGER_CONSOLE";
    /** The sign-in form's field that carries the admin key. */
    static final String KEY_FIELD = "admin_key";

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, KeyAuthenticationProvider keys, ProblemWriter problems,
                                           ClientAddresses addresses, RateLimits rateLimits, AccessProperties access,
                                           AdminAccessProjection admins, Clock clock) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher assets = paths.matcher("/console/assets/**");
        if (access.rateLimits().enabled()) {
            // Sign-in attempts and pages count against the client address, as API calls do; the page's own files do not.
            http.addFilterBefore(RateLimitFilter.perAddress(rateLimits, problems, addresses, access.rateLimits().address(), assets),
                    UsernamePasswordAuthenticationFilter.class);
        }
        http.addFilterBefore(new LiveKeyCheck(admins, clock), AuthorizationFilter.class);
        return http
                .securityMatcher("/console", "/console/**")
                .authenticationManager(authentication -> signIn(keys, addresses, authentication))
                // Written for every answer by a filter before this chain (input.SecurityHeaders), with the console's content policy.
                .headers(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.requestCache(pagesAskedFor()))
                .formLogin(form -> form
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .passwordParameter(KEY_FIELD)
                        .defaultSuccessUrl("/console")
                        .failureUrl(SIGN_IN + "?refused")
                        .permitAll())
                .logout(logout -> logout
                        .logoutRequestMatcher(paths.matcher(HttpMethod.POST, SIGN_OUT))
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .addLogoutHandler(new CookieClearingLogoutHandler(expiredSessionCookie())))
                // No invalid-session redirect: Spring Security would then answer a post without a CSRF token with that
                // redirect rather than 403. An expired session is told apart by the entry point instead.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(assets).permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(failures -> failures
                        .authenticationEntryPoint(ConsoleSecurityConfiguration::toSignIn)
                        .accessDeniedHandler(ConsoleSecurityConfiguration::refuse))
                .build();
    }

    /** Not signed in: to the sign-in form, saying so when the browser's session has expired. */
    private static void toSignIn(HttpServletRequest request, HttpServletResponse response,
                                 org.springframework.security.core.AuthenticationException notSignedIn) throws IOException {
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        redirect(request, response, SIGN_IN + (expired ? "?expired" : ""));
    }

    /**
     * A redirect the browser follows as a page: for an htmx request (a section or an action), 401
     * with {@code HX-Redirect}, which htmx turns into a page load; followed by the request itself,
     * the sign-in page would be swapped into the part of the page the request was to change.
     */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String location = request.getContextPath() + path;
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("HX-Redirect", location);
        } else {
            response.sendRedirect(location);
        }
    }

    /**
     * The page a signed-out browser asked for, to go on to after sign-in (a shared link to an alert
     * or a verification): plain page loads only, never a section, an action or a file.
     */
    private static HttpSessionRequestCache pagesAskedFor() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && request.getHeader("HX-Request") == null
                && !request.getRequestURI().startsWith(request.getContextPath() + "/console/assets/")
                && !request.getRequestURI().endsWith(".csv"));
        return cache;
    }

    /** The session cookie as it was set (path /console), expired: a cookie is only deleted by one of the same path. */
    private static jakarta.servlet.http.Cookie expiredSessionCookie() {
        jakarta.servlet.http.Cookie cookie = new jakarta.servlet.http.Cookie(COOKIE, "");
        cookie.setPath("/console");
        cookie.setMaxAge(0);
        cookie.setHttpOnly(true);
        return cookie;
    }

    /** The sign-in form's key, checked as the API's {@code X-Admin-Key} header is: admin keys only. */
    private static Authentication signIn(KeyAuthenticationProvider keys, ClientAddresses addresses, Authentication form) {
        String key = form.getCredentials() == null ? "" : form.getCredentials().toString().strip();
        String address = form.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
        if (key.isEmpty()) {
            throw KeyRefusedException.invalid(ApiKeys.Kind.ADMIN, "enter your admin key");
        }
        return keys.authenticate(new PresentedKey(ApiKeys.Kind.ADMIN, key, address));
    }

    /** A missing or stale CSRF token (403): the session is kept, the request did nothing. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        // Spring Security's own message quotes the token sent, which is the sender's text: not echoed.
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("403 Forbidden: the form was refused (its security token is missing or out of date). "
                + "Reload the page and try again; nothing was changed.");
    }

    /**
     * Ends the session of an admin key revoked or expired since sign-in, before anything else of
     * the request runs. The bootstrap key (CHIPLEDGER_ADMIN_KEY) lasts as long as the configuration.
     */
    static final class LiveKeyCheck extends OncePerRequestFilter {

        private final AdminAccessProjection admins;
        private final Clock clock;

        LiveKeyCheck(AdminAccessProjection admins, Clock clock) {
            this.admins = admins;
            this.clock = clock;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn != null && signedIn.getPrincipal() instanceof AdminPrincipal admin
                    && !AdminPrincipal.BOOTSTRAP_KEY_ID.equals(admin.keyId()) && !live(admin.keyId())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                redirect(request, response, SIGN_IN + "?key-ended");
                return;
            }
            chain.doFilter(request, response);
        }

        private boolean live(String keyId) {
            return admins.key(keyId)
                    .filter(key -> key.revokedAt() == null)
                    .filter(key -> key.expiresAt() == null || clock.instant().isBefore(key.expiresAt()))
                    .isPresent();
        }
    }
}
