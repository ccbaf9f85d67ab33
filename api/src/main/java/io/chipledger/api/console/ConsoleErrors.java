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
 * detail, {@link ProblemTranslator}) shown as a page; for a section loaded by htmx, in its place;
 * for an htmx action, as a fragment in the page's problem region ({@value #PROBLEM_REGION}, layout.html), so the part the action was to
 * change stays as it was. A handler's rule refusing the admin is 403.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    /** The page's region for refusals of its actions: swapped in place of its target, a refusal wiped the table it was about. */
    static final String PROBLEM_REGION = "#console-problem";

    private final ProblemTranslator problems;

    ConsoleErrors(ProblemTranslator problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AccessRefusedException.class)
    ModelAndView refused(AccessRefusedException refused, HttpServletRequest request, HttpServletResponse response) {
        return page(request, response, HttpStatus.FORBIDDEN, "Not for your roles", refused.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail problem = problems.problemOf(failure, request, response);
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        return page(request, response, status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
                problem.getTitle() == null ? "Refused" : problem.getTitle(), problem.getDetail());
    }

    private static ModelAndView page(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                                     String detail) {
        boolean fragment = "true".equals(request.getHeader("HX-Request"));
        if (fragment && !"GET".equals(request.getMethod())) {
            // An action's refusal; a section that loads itself (GET) shows its refusal in place of its placeholder.
            response.setHeader("HX-Retarget", PROBLEM_REGION);
            response.setHeader("HX-Reswap", "innerHTML show:top");
        }
        ModelAndView page = new ModelAndView(fragment ? "console/problem :: problem" : "console/problem");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        return page;
    }
}
