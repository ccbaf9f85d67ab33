package io.chipledger.api.input;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers of every answer (issue 19; docs/security.md, "Security headers"), written
 * by Spring Security's own header writers from a filter that runs before every other, so that a
 * problem written by an early filter (an unacceptable {@code Accept}, a bad query string) or by
 * Tomcat itself ({@link ProblemReportValve}) carries them as well as a handler's answer:
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}: a browser never reads a JSON answer as a page or script;</li>
 * <li>{@code Cache-Control: no-cache, no-store, max-age=0, must-revalidate} (with {@code Pragma} and
 * {@code Expires}): balances and keys are never kept by a cache on the way;</li>
 * <li>{@code X-Frame-Options: DENY} and {@code Content-Security-Policy: default-src 'none';
 * frame-ancestors 'none'}: an answer is never framed and runs nothing; the API documentation's
 * pages ({@code /swagger-ui/**}) keep their scripts, without the policy; the console's pages
 * ({@code /console/**}, issue 21) run their own files only ({@link #CONSOLE_CONTENT_SECURITY_POLICY});</li>
 * <li>{@code Referrer-Policy: no-referrer};</li>
 * <li>{@code Strict-Transport-Security} on answers over HTTPS (a year, subdomains included).</li>
 * </ul>
 * Spring Security's own header filter is switched off in the security chain
 * ({@code SecurityConfiguration}): one place writes them.
 */
@Configuration
public class SecurityHeaders {

    /** The policy of every answer but the API documentation's pages. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * The console's pages (issue 21): their own scripts, styles and images only, no inline script
     * or style, forms posted only to the console itself, never framed.
     */
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final HeaderWriter CONTENT_POLICY = new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY);
    /** Every answer's, but the content policy. */
    private static final List<HeaderWriter> COMMON = List.of(
            new XContentTypeOptionsHeaderWriter(),
            new CacheControlHeadersWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
            new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
            new HstsHeaderWriter());

    /**
     * Writes the headers on an answer that no filter saw: Tomcat's own refusals, never the
     * documentation's pages (and their request may be too malformed to match a path against).
     */
    static void write(HttpServletRequest request, HttpServletResponse response) {
        COMMON.forEach(writer -> writer.writeHeaders(request, response));
        CONTENT_POLICY.writeHeaders(request, response);
    }

    /** Before every other filter, on every dispatch, written at once (an early filter's problem commits the answer). */
    @Bean
    FilterRegistrationBean<HeaderWriterFilter> securityHeadersFilter() {
        List<HeaderWriter> writers = new java.util.ArrayList<>(COMMON);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher console = new OrRequestMatcher(paths.matcher("/console"), paths.matcher("/console/**"));
        writers.add(new DelegatingRequestMatcherHeaderWriter(new AndRequestMatcher(
                new NegatedRequestMatcher(paths.matcher("/swagger-ui/**")), new NegatedRequestMatcher(console)), CONTENT_POLICY));
        writers.add(new DelegatingRequestMatcherHeaderWriter(console, new ContentSecurityPolicyHeaderWriter(CONSOLE_CONTENT_SECURITY_POLICY)));
        HeaderWriterFilter filter = new HeaderWriterFilter(writers);
        filter.setShouldWriteHeadersEagerly(true);
        FilterRegistrationBean<HeaderWriterFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
