package io.chipledger.api.console;

import io.chipledger.api.input.Text;
import io.chipledger.api.problem.InvalidRequestException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The API's text rule ({@link Text}: no control characters, bidirectional controls, byte-order
 * marks or half surrogates) for every field a console page sends, before its handler runs: 400
 * {@code invalid-request} naming the field, nothing done. Through the API the JSON reader holds
 * every text to it; a console handler builds the API's request from form fields, which the JSON
 * reader never sees, so a note with U+202E or a NUL reached the ledger (a red team's finding). A
 * field that is JSON text ({@link JsonText}) may break lines; its strings are the JSON reader's to
 * check. A form that was not UTF-8 arrives with U+FFFD in place of the bad bytes and is refused too.
 */
public class ConsoleInput implements HandlerInterceptor {

    /** Marks a console field whose value is JSON, read by the API's strict JSON reader (a segment rule's condition). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface JsonText {
    }

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<HandlerMethod, Set<String>> jsonFields = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        Set<String> json = jsonFields.computeIfAbsent(method, ConsoleInput::jsonFields);
        for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
            for (String value : field.getValue()) {
                String checked = json.contains(field.getKey()) ? value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ') : value;
                if (Text.hasForbiddenCharacter(checked)) {
                    throw new InvalidRequestException(field.getKey(), field.getKey() + " must not contain " + Text.RULE);
                }
                if (value.indexOf('\uFFFD') >= 0) {
                    throw new InvalidRequestException(field.getKey(), field.getKey() + " is not UTF-8 text");
                }
            }
        }
        return true;
    }

    private static Set<String> jsonFields(HandlerMethod method) {
        return Stream.of(method.getMethodParameters()).filter(parameter -> parameter.hasParameterAnnotation(JsonText.class))
                .map(ConsoleInput::name).collect(Collectors.toUnmodifiableSet());
    }

    private static String name(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        String name = annotation == null ? "" : annotation.name().isEmpty() ? annotation.value() : annotation.name();
        if (!name.isEmpty()) {
            return name;
        }
        parameter.initParameterNameDiscovery(NAMES);
        return parameter.getParameterName();
    }
}
