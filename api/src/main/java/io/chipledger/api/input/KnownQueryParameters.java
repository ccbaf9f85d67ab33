package io.chipledger.api.input;

import io.chipledger.api.problem.Echo;
import io.chipledger.api.problem.InvalidRequestException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.DefaultParameterNameDiscoverer;
import io.chipledger.api.console.ConsoleController;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before a handler runs, a query parameter the handler does not take, and one given
 * twice: 400 {@code invalid-request} naming it. As an unknown field of a body is refused, so is an
 * unknown parameter: a partner's {@code limt=5} answered a default page of 50 as if it were right,
 * and {@code cursor=&cursor=1} was read as the text ",1". Applies to the ledger's own handlers. A
 * console handler (issue 21) also takes its form's fields this way, and the form's {@code _csrf}
 * token; a field it takes as a list (ticked boxes) may repeat.
 */
@Component
public class KnownQueryParameters implements HandlerInterceptor {

    private static final String OWN_PACKAGE = "io.chipledger.";
    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** The CSRF token's field, in every console form (Spring Security reads and checks it before any handler). */
    private static final String CSRF_FIELD = "_csrf";

    private final Map<HandlerMethod, Set<String>> taken = new ConcurrentHashMap<>();
    private final Map<HandlerMethod, Set<String>> repeatable = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // The error page's dispatch carries the failed request's parameters (a console form's fields): its
        // problem must be the failure's, not a refusal of those fields.
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(OWN_PACKAGE)
                || request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        Set<String> names = taken.computeIfAbsent(method, KnownQueryParameters::queryParameters);
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!names.contains(name)) {
                throw new InvalidRequestException(Echo.of(name), "unknown query parameter " + Echo.of(name) + ": this endpoint takes "
                        + (names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().toList())));
            }
            if (parameter.getValue().length > 1 && !repeatable.computeIfAbsent(method, KnownQueryParameters::listParameters).contains(name)) {
                throw new InvalidRequestException(name, "query parameter " + name + " is given " + parameter.getValue().length
                        + " times: give it once");
            }
        }
        return true;
    }

    private static Set<String> queryParameters(HandlerMethod method) {
        Stream<String> names = Stream.of(method.getMethodParameters()).filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .map(KnownQueryParameters::name);
        return (isConsole(method) ? Stream.concat(names, Stream.of(CSRF_FIELD)) : names).collect(Collectors.toUnmodifiableSet());
    }

    /** A console form's fields taken as a list; none for an API handler. */
    private static Set<String> listParameters(HandlerMethod method) {
        return !isConsole(method) ? Set.of() : Stream.of(method.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .filter(parameter -> java.util.Collection.class.isAssignableFrom(parameter.getParameterType()))
                .map(KnownQueryParameters::name).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isConsole(HandlerMethod method) {
        return AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ConsoleController.class);
    }

    private static String name(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        String name = annotation.name().isEmpty() ? annotation.value() : annotation.name();
        if (!name.isEmpty()) {
            return name;
        }
        parameter.initParameterNameDiscovery(NAMES);
        return parameter.getParameterName();
    }
}
