package io.chipledger.api.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 7807 problem documents with the ledger's stable {@code type} URIs, one place for controllers and filters alike. */
public final class Problems {

    public static final String TYPE_BASE = "https://chipledger.dev/problems/";

    private Problems() {
    }

    /** A problem of type {@code TYPE_BASE + slug}, titled with the status's reason phrase. */
    public static ProblemDetail of(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
