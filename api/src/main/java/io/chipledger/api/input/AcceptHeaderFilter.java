package io.chipledger.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every {@code Accept} line as one header, as HTTP says they are, before anything routes the
 * request, for every endpoint (the actuator and the OpenAPI document too):
 * <ul>
 *   <li>one that does not parse is a 406 {@code http-406} problem (Spring MVC answered an empty 406,
 *       or an empty 405 or 404, for it);</li>
 *   <li>ranges that ask for a charset other than UTF-8 are dropped, since every answer is UTF-8
 *       (Spring MVC picked such a range after the handler had run and answered 500, or labelled
 *       UTF-8 bytes with the other charset); when none is left, 406 before anything is done;</li>
 *   <li>the rest goes on as one {@code Accept} line, so the check of {@link AcceptableAnswers} and
 *       Spring MVC's choice of the answer's type read the same ranges.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AcceptHeaderFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    AcceptHeaderFilter(ObjectMapper json) {
        this.json = json;
    }

    /** Every {@code Accept} line of the request, joined as one list; null when there is none. */
    static String accept(HttpServletRequest request) {
        List<String> lines = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = accept(request);
        if (accept == null || accept.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
            ranges.forEach(MediaType::getQualityValue); // a quality outside 0..1 is refused here, not after the handler
        } catch (IllegalArgumentException unreadable) {
            AcceptableAnswers.refuse(response, json, "the Accept header does not parse: send media ranges such as application/json");
            return;
        }
        List<MediaType> utf8 = ranges.stream().filter(AcceptHeaderFilter::utf8).toList();
        if (utf8.isEmpty()) {
            AcceptableAnswers.refuse(response, json, "answers are UTF-8: send an Accept header that allows it (no charset, or charset=utf-8)");
            return;
        }
        chain.doFilter(new OneAcceptLine(request, MediaType.toString(utf8)), response);
    }

    /** Whether a range takes UTF-8: it names no charset, or UTF-8 itself. */
    private static boolean utf8(MediaType range) {
        String charset = range.getParameter("charset");
        try {
            return charset == null || Charset.forName(charset.replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The request with its {@code Accept} lines replaced by one. */
    private static final class OneAcceptLine extends HttpServletRequestWrapper {

        private final String accept;

        OneAcceptLine(HttpServletRequest request, String accept) {
            super(request);
            this.accept = accept;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accept : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(List.of(accept)) : super.getHeaders(name);
        }
    }
}
