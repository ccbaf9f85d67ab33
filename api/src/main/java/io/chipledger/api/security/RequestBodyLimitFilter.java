package io.chipledger.api.security;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.problem.RequestBodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over {@code chipledger.request-body-bytes-max}: at once when its
 * Content-Length says so, and while it is read when it is chunked. A batch of wallet commands
 * ({@code POST /api/v1/batches}, up to 1,000 commands) may weigh {@link #BATCH_BODY_BYTES_MAX};
 * the endpoint is matched as Spring matches handlers (PathPatternRequestMatcher), so no other
 * path gets the larger limit.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** A batch's body: 1,000 commands with every field at its longest come to about 620 KB. */
    static final long BATCH_BODY_BYTES_MAX = 1024 * 1024;
    private static final RequestMatcher BATCH = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/batches");

    private final long defaultLimitBytes;

    RequestBodyLimitFilter(LedgerProperties properties) {
        this.defaultLimitBytes = properties.requestBodyBytesMax();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limitBytes = BATCH.matches(request) ? Math.max(BATCH_BODY_BYTES_MAX, defaultLimitBytes) : defaultLimitBytes;
        if (request.getContentLengthLong() > limitBytes) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // Said, or Tomcat appends its default ";charset=ISO-8859-1" to a JSON answer.
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"https://chipledger.dev/problems/request-too-large\",\"title\":\"Payload Too Large\","
                    + "\"status\":413,\"detail\":\"the request body is larger than " + limitBytes + " bytes\"}");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limitBytes;

        LimitedRequest(HttpServletRequest request, long limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    if (next >= 0 && ++read > limitBytes) {
                        throw new RequestBodyTooLargeException(limitBytes);
                    }
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int count = body.read(buffer, offset, length);
                    if (count > 0 && (read += count) > limitBytes) {
                        throw new RequestBodyTooLargeException(limitBytes);
                    }
                    return count;
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }
}
