package io.chipledger.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.input.Text;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Builds every RFC 7807 problem document the ledger answers, from controllers and from filters
 * alike: a stable {@code type} per case, our own words in {@code detail}, capped, and a shortened
 * {@code instance}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://chipledger.dev/problems/";
    static final int DETAIL_LENGTH_MAX = 300;
    static final int INSTANCE_LENGTH_MAX = 128;
    /** Text that only the ledger's internals would put in a detail: package names, exception types, nested classes, stack frames. */
    static final List<String> INTERNALS = List.of("java.", "javax.", "jakarta.", "org.springframework", "com.fasterxml",
            "org.axonframework", "org.apache", "io.chipledger", "Exception", "$", "\tat ");

    private Problems() {
    }

    /** A problem document; its detail is capped, and replaced when it would show the ledger's internals. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, safeDetail(detail));
        problem.setType(URI.create(TYPE_BASE + slug));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setInstance(instance());
        return problem;
    }

    /**
     * Writes a problem document as the answer, from a filter that runs before Spring MVC: its status,
     * {@code application/problem+json} in UTF-8 (said, or Tomcat appends ISO-8859-1), the JSON.
     */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The last guard: a detail names no Java type and stays short whatever built it. Our own
     * words never trip it; a message from elsewhere that does is replaced, not repaired.
     */
    public static String safeDetail(String detail) {
        if (detail == null || detail.isBlank()) {
            return "the request was refused";
        }
        for (String marker : INTERNALS) {
            if (detail.contains(marker)) {
                return "the request was refused";
            }
        }
        String printable = Text.hasForbiddenCharacter(detail) ? Echo.printable(detail) : detail;
        return printable.length() <= DETAIL_LENGTH_MAX ? printable : printable.substring(0, DETAIL_LENGTH_MAX - 1) + "…";
    }

    /**
     * The request's path, shortened: Spring would otherwise put the whole raw path in every
     * problem, up to Tomcat's 8 KiB header limit.
     */
    private static URI instance() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        String path = attributes.getRequest().getRequestURI();
        if (path.length() > INSTANCE_LENGTH_MAX) {
            path = path.substring(0, INSTANCE_LENGTH_MAX).replaceFirst("%[0-9A-Fa-f]?$", "");
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return URI.create("/");
        }
    }
}
