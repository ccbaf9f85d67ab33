package io.chipledger.api.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The feature an operation belongs to, as its tag in the OpenAPI document: from the path it is
 * mapped to (controller and method), the first segment that names a feature, so a controller
 * serving several features (deposits, bets and withdrawals of one wallet) is split by feature.
 */
final class FeatureTags {

    /** Path segment → tag, most specific first. */
    private static final Map<String, String> BY_SEGMENT = new LinkedHashMap<>();

    static {
        BY_SEGMENT.put("/bets", "rounds");
        BY_SEGMENT.put("/wins", "rounds");
        BY_SEGMENT.put("/rollbacks", "rounds");
        BY_SEGMENT.put("/withdrawals", "withdrawals");
        BY_SEGMENT.put("/token", "tokens");
        BY_SEGMENT.put("/plays", "plays");
        BY_SEGMENT.put("/purchases", "purchases");
        BY_SEGMENT.put("/receipt-keys", "purchases");
        BY_SEGMENT.put("/activit", "activity");
        BY_SEGMENT.put("/admin-keys", "admin keys");
        BY_SEGMENT.put("/projections", "projections");
        BY_SEGMENT.put("/jobs", "jobs");
        BY_SEGMENT.put("/system-accounts", "partners");
        BY_SEGMENT.put("/wallets", "wallets");
        BY_SEGMENT.put("/partners", "partners");
    }

    private FeatureTags() {
    }

    static String of(HandlerMethod handler) {
        String path = path(handler.getBeanType()) + path(handler.getMethod());
        return BY_SEGMENT.entrySet().stream().filter(entry -> path.contains(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("service");
    }

    private static String path(java.lang.reflect.AnnotatedElement element) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
        return mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
    }
}
