package io.chipledger.api.problem;

import io.chipledger.api.FailuresOfTheMoment;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's: what the container itself
 * refuses (a blocked path such as {@code /WEB-INF/…}, a malformed chunk size) is answered with a
 * problem document of its status, like everything else. Only error dispatches reach it: a client
 * asking for {@code /error} directly is told there is no such endpoint. A failure of the moment that
 * escaped a filter (the database away) is a retryable 503 {@code ledger-busy}, as in a controller.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = HttpStatus.NOT_FOUND;
        String detail = "there is no such endpoint";
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus resolved = code instanceof Integer value ? HttpStatus.resolve(value) : null;
            status = resolved == null || resolved.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : resolved;
            if (status == HttpStatus.INTERNAL_SERVER_ERROR
                    && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                    && FailuresOfTheMoment.isOfTheMoment(failure)) {
                // A filter met the database away (ProblemAdvice answers the same for what reaches a controller).
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger-busy", ProblemAdvice.MOMENTARY_FAILURE));
            }
            detail = status.is5xxServerError()
                    ? "the ledger could not process the request; nothing was recorded unless a retry says otherwise"
                    : "the request could not be handled";
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, "http-" + status.value(), detail));
    }
}
