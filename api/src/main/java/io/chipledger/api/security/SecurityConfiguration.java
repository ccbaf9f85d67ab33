package io.chipledger.api.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach the service at all, decided by Spring Security on the normalised request:
 * <ul>
 *   <li>the firewall ({@link StrictHttpFirewall}) refuses ambiguous paths with a 400 problem before anything routes them;</li>
 *   <li>a client address over its rate limit is refused (429, {@link RateLimitFilter}), health probes aside;</li>
 *   <li>a key in {@code X-API-Key} or {@code X-Admin-Key} is authenticated ({@link KeyAuthenticationProvider}), a
 *       partner's key only from its IP allow-list, and held to its rate limit;</li>
 *   <li>public without a key: health (liveness, readiness), info, the OpenAPI document and Swagger UI;
 *       the other actuator endpoints need an admin key with {@code super} or {@code ops};</li>
 *   <li>everything else needs an accepted key; which key may call which handler is the handler's own
 *       rule, checked after routing by {@link HandlerAccessInterceptor}.</li>
 * </ul>
 * Stateless: no session, no cookie, so no CSRF token either (a browser cannot add the key header by itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** The admin roles that may read actuator endpoints beyond health and info. */
    static final String[] ACTUATOR_ROLES = {"SUPER", "OPS"};
    /** What the per-address rate limit never counts: an orchestrator must reach them however busy an address is. */
    static final List<String> HEALTH_PROBES = List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, KeyAuthenticationProvider keys, ProblemWriter problems,
                                            ClientAddresses addresses, RateLimits rateLimits, AccessProperties access) throws Exception {
        AuthenticationFilter keyAuthentication = new AuthenticationFilter(new ProviderManager(keys), new KeyAuthenticationConverter(addresses));
        keyAuthentication.setSuccessHandler((request, response, authentication) -> {
            // Authenticated: the request goes on to its handler.
        });
        keyAuthentication.setFailureHandler(problems::keyRefused);
        if (access.rateLimits().enabled()) {
            // Same position, kept in the order added: the address's limit, then the key, then the key's limit.
            http.addFilterBefore(RateLimitFilter.perAddress(rateLimits, problems, addresses, access.rateLimits().address(),
                    healthProbes()), AnonymousAuthenticationFilter.class);
        }
        http.addFilterBefore(keyAuthentication, AnonymousAuthenticationFilter.class);
        if (access.rateLimits().enabled()) {
            http.addFilterBefore(RateLimitFilter.perKey(rateLimits, problems), AnonymousAuthenticationFilter.class);
        }
        return http
                .csrf(AbstractHttpConfigurer::disable)
                // Written for every answer by a filter before this chain (input.SecurityHeaders), problems of earlier filters too.
                .headers(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(ACTUATOR_ROLES)
                        // The actuator's whole namespace, exposed or not, so exposing an endpoint later cannot open it.
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(ACTUATOR_ROLES)
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(failures -> failures
                        .authenticationEntryPoint(problems::keyRequired)
                        .accessDeniedHandler(problems::forbidden))
                .build();
    }

    /**
     * The orchestrator's probes, exactly: health and its liveness and readiness groups. Not every
     * path under {@code /actuator/health/}: a made-up one is a 404 like any other and is counted.
     */
    static RequestMatcher healthProbes() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(HEALTH_PROBES.stream().map(path -> (RequestMatcher) paths.matcher(HttpMethod.GET, path)).toList());
    }

    /**
     * Path patterns in the rules above are matched by Spring Security's {@code PathPatternRequestMatcher}
     * on the firewall-checked path: the default, {@code MvcRequestMatcher}, asks Spring MVC's handler
     * mappings for every rule of every request, a second routing per request for nothing.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No Micrometer observation around each security filter: with the actuator present Spring
     * Security wraps every filter of every request in one, measured as a large share of the
     * request path's CPU (docs/performance.md). Access decisions are not metrics; refusals are
     * problem documents the caller sees.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall with its defaults, declared so the choice is visible: see docs/security.md. */
    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return problems::rejected;
    }
}
