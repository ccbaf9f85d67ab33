package io.chipledger.api.console;

import io.chipledger.api.problem.ProblemTranslator;
import io.chipledger.api.security.AccessRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console request that failed answers with the API's status and the API's problem (title and
 * detail, {@link ProblemTranslator}) shown as a page, or as a fragment in place of the part of the
 * page an htmx request was to replace. A handler's rule refusing the admin is 403.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private final ProblemTranslator problems;

    ConsoleErrors(ProblemTranslator problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AccessRefusedException.class)
    ModelAndView refused(AccessRefusedException refused, HttpServletRequest request) {
        return page(request, HttpStatus.FORBIDDEN, "Not for your roles", refused.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail problem = problems.problemOf(failure, request, response);
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        return page(request, status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
                problem.getTitle() == null ? "Refused" : problem.getTitle(), problem.getDetail());
    }

    private static ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String detail) {
        boolean fragment = "true".equals(request.getHeader("HX-Request"));
        ModelAndView page = new ModelAndView(fragment ? "console/problem :: problem" : "console/problem");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        return page;
    }
}
