package io.chipledger.api.security;

import io.chipledger.api.problem.ProblemErrorController;
import io.chipledger.api.security.AccessRefusedException.Reason;
import io.chipledger.core.admin.AdminRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springdoc.webmvc.ui.SwaggerConfigResource;
import org.springdoc.webmvc.ui.SwaggerWelcomeWebMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Decides access for the handler Spring MVC resolved, before its arguments are read: the handler's
 * {@link PartnerAccess} or {@link AdminAccess} rule against the key Spring Security accepted. A
 * handler with no rule is refused for everyone (deny by default), so a new endpoint is closed until
 * someone decides who may call it. Deciding here, after routing, means the rule is the one of the
 * code that will run, whatever spelling of the path reached it.
 */
@Component
public class HandlerAccessInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(HandlerAccessInterceptor.class);

    /**
     * Handlers that are not endpoints of the ledger: the OpenAPI document and Swagger UI (public,
     * by the filter chain's rules), the error page (error dispatches only), and Spring MVC's own
     * answer to OPTIONS (the Allow header).
     */
    static final List<Class<?>> FRAMEWORK_HANDLERS = List.of(OpenApiWebMvcResource.class, SwaggerConfigResource.class,
            SwaggerWelcomeWebMvc.class, ProblemErrorController.class);

    private final ConsoleAccessRules consoleRules;

    HandlerAccessInterceptor(ConsoleAccessRules consoleRules) {
        this.consoleRules = consoleRules;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            // A map look-up, not an annotation scan, on every API request: every @ConsoleAccess handler was resolved at start-up.
            List<AdminRole> consoleRoles = consoleRules.rolesOf(method);
            if (consoleRoles != null) {
                checkRoles(consoleRoles, caller);
            } else {
                check(method, caller);
            }
        }
        return true;
    }

    /** Refuses with {@link AccessRefusedException} unless the caller passes the handler's rule. */
    static void check(HandlerMethod method, Authentication caller) {
        PartnerAccess partnerRule = rule(method, PartnerAccess.class);
        AdminAccess adminRule = rule(method, AdminAccess.class);
        Object principal = caller == null ? null : caller.getPrincipal();
        if (partnerRule != null) {
            if (!(principal instanceof PartnerPrincipal partner)) {
                throw new AccessRefusedException(Reason.PARTNER_ONLY,
                        "this is a partner endpoint: call it with the partner's X-API-Key", List.of(partnerRule.value().wireName()));
            }
            if (!partner.scopes().contains(partnerRule.value())) {
                throw new AccessRefusedException(Reason.MISSING_SCOPE, "this API key lacks the scope " + partnerRule.value().wireName(),
                        List.of(partnerRule.value().wireName()));
            }
        } else if (adminRule != null) {
            checkRoles(List.of(adminRule.value()), caller);
        } else if (!isFrameworkHandler(method)) {
            log.error("Refused a call to {}: the handler declares no access rule (@PartnerAccess or @AdminAccess)", method.getShortLogMessage());
            throw new AccessRefusedException(Reason.NO_ACCESS_RULE, "this endpoint has no access rule yet, so nobody may call it", List.of());
        }
    }

    /** Refuses unless the caller is an admin holding one of the roles (a console handler's roles are its API endpoint's). */
    static void checkRoles(List<AdminRole> roles, Authentication caller) {
        List<String> accepted = roles.stream().map(AdminRole::wireName).toList();
        Object principal = caller == null ? null : caller.getPrincipal();
        if (!(principal instanceof AdminPrincipal admin)) {
            throw new AccessRefusedException(Reason.ADMIN_ONLY, "this is an admin endpoint: call it with an X-Admin-Key", accepted);
        }
        if (roles.stream().noneMatch(admin.roles()::contains)) {
            throw new AccessRefusedException(Reason.MISSING_ROLE, "this admin key lacks a role this endpoint accepts: one of "
                    + String.join(", ", accepted), accepted);
        }
    }

    /** The rule on the method, else on its controller. */
    public static <A extends java.lang.annotation.Annotation> A rule(HandlerMethod method, Class<A> annotation) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), annotation);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), annotation);
    }

    static boolean isFrameworkHandler(HandlerMethod method) {
        return FRAMEWORK_HANDLERS.stream().anyMatch(type -> type.isAssignableFrom(method.getBeanType()))
                || method.getBeanType().getEnclosingClass() == RequestMappingInfoHandlerMapping.class;
    }
}
