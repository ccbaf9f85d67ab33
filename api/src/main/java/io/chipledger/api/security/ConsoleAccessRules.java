package io.chipledger.api.security;

import io.chipledger.core.admin.AdminRole;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The roles of every console handler, taken from the API endpoint its {@link ConsoleAccess} names.
 * Resolved once before the server takes requests; a console handler that names no mapped admin endpoint
 * stops the start-up, so a renamed or removed endpoint cannot leave a console page open or closed
 * by accident.
 */
@Component
public class ConsoleAccessRules implements SmartInitializingSingleton {

    /** Lazily: the handler mapping is built after the MVC configurers, which need this bean (the access interceptor, the layout). */
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Map<java.lang.reflect.Method, List<AdminRole>> rules = Map.of();

    ConsoleAccessRules(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> requestMappingHandlerMapping) {
        this.mappings = requestMappingHandlerMapping;
    }

    /** Before the server takes requests: every singleton, the handler mappings among them, is ready. */
    @Override
    public void afterSingletonsInstantiated() {
        Map<String, List<AdminRole>> apiRules = new HashMap<>();
        mappings.getObject().getHandlerMethods().forEach((info, method) -> {
            AdminAccess rule = HandlerAccessInterceptor.rule(method, AdminAccess.class);
            if (rule != null && HandlerAccessInterceptor.rule(method, ConsoleAccess.class) == null) {
                for (String endpoint : endpoints(info)) {
                    apiRules.put(endpoint, List.of(rule.value()));
                }
            }
        });
        Map<java.lang.reflect.Method, List<AdminRole>> resolved = new HashMap<>();
        mappings.getObject().getHandlerMethods().values().forEach(method -> {
            ConsoleAccess console = HandlerAccessInterceptor.rule(method, ConsoleAccess.class);
            if (console != null) {
                List<AdminRole> roles = apiRules.get(console.value());
                if (roles == null) {
                    throw new IllegalStateException("Console handler " + method.getShortLogMessage() + " names " + console.value()
                            + ", which is not a mapped admin endpoint");
                }
                resolved.put(method.getMethod(), roles);
            }
        });
        rules = Map.copyOf(resolved);
    }

    /** The roles accepted by a console handler; null when the handler is not the console's. */
    public List<AdminRole> rolesOf(HandlerMethod method) {
        return rules.get(method.getMethod());
    }

    /** The roles accepted by a console handler method, found by reflection (for menus and links). */
    public List<AdminRole> rolesOf(java.lang.reflect.Method method) {
        List<AdminRole> roles = rules.get(method);
        return roles == null ? List.of() : roles;
    }

    /** Whether an admin with these roles passes the console handler's rule. */
    public boolean allows(java.lang.reflect.Method method, Set<AdminRole> held) {
        return rolesOf(method).stream().anyMatch(held::contains);
    }

    /**
     * The console actions (POST handlers) of {@code controller} an admin with these roles may take,
     * by handler name: what a page offers, so it never shows a button that would answer 403.
     */
    public Map<String, Boolean> actions(Class<?> controller, Set<AdminRole> held) {
        Map<String, Boolean> allowed = new HashMap<>();
        for (java.lang.reflect.Method handler : controller.getDeclaredMethods()) {
            if (handler.isAnnotationPresent(org.springframework.web.bind.annotation.PostMapping.class)) {
                allowed.put(handler.getName(), allows(handler, held));
            }
        }
        return allowed;
    }

    private static Iterable<String> endpoints(RequestMappingInfo info) {
        List<String> endpoints = new java.util.ArrayList<>();
        for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
            for (String pattern : info.getPatternValues()) {
                endpoints.add(verb.name() + " " + pattern);
            }
        }
        return endpoints;
    }
}
