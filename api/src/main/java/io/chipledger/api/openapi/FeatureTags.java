package io.chipledger.api.openapi;

import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
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
        BY_SEGMENT.put("/audit/", "audit");
        BY_SEGMENT.put("/aml/", "aml");
        BY_SEGMENT.put("/segment", "segments");
        BY_SEGMENT.put("/coupon", "coupons");
        BY_SEGMENT.put("/reward-", "rewards");
        BY_SEGMENT.put("/campaigns", "campaigns");
        BY_SEGMENT.put("/reports/", "reports");
        BY_SEGMENT.put("/settlements", "reports");
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
        BY_SEGMENT.put("/batches", "batches");
        BY_SEGMENT.put("/partners", "partners");
    }

    /** Each tag with what it holds, declared once at the document's top. */
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("wallets", "Deposits, balances and history of a player's wallet");
        DESCRIPTIONS.put("batches", "Up to 1,000 deposits, withdrawals, bets, wins and rollbacks in one request, each under its own key");
        DESCRIPTIONS.put("rounds", "Bets, wins and rollbacks of game rounds (seamless wallet)");
        DESCRIPTIONS.put("withdrawals", "Immediate and two-phase withdrawals and their decisions");
        DESCRIPTIONS.put("tokens", "Game-token grants and revocations by operators' staff");
        DESCRIPTIONS.put("plays", "Mini-game plays and the play log");
        DESCRIPTIONS.put("purchases", "Shop purchases with signed receipts, and receipt keys");
        DESCRIPTIONS.put("activity", "Player activity and its figures");
        DESCRIPTIONS.put("partners", "Partners, their API keys, settings and system accounts");
        DESCRIPTIONS.put("admin keys", "Operators' staff keys and their roles");
        DESCRIPTIONS.put("projections", "Read models and deliveries (ClickHouse, Kafka): status, rebuilds, resends and parked events");
        DESCRIPTIONS.put("jobs", "Background jobs' parked items");
        DESCRIPTIONS.put("audit", "Every stored event as the store holds it, with its hash chain, for auditors (read only)");
        DESCRIPTIONS.put("reports", "Revenue (GGR, NGR) from ClickHouse, and partners' settlement statements");
        DESCRIPTIONS.put("aml", "Anti-money-laundering: alerts and their investigation, players' risk profiles, rescans");
        DESCRIPTIONS.put("segments", "Player segmentation: partners' segment rules, players' segments and their changes");
        DESCRIPTIONS.put("coupons", "Coupon codes: partners' coupons for marketing staff, and players' redemptions (docs/rewards.md)");
        DESCRIPTIONS.put("rewards", "Rewards: reward pools, their draws and published odds (docs/rewards.md)");
        DESCRIPTIONS.put("campaigns", "Campaigns: a reward for every player of a segment during a period, their delivery and conversion");
        DESCRIPTIONS.put("service", "Everything else");
    }

    private FeatureTags() {
    }

    static List<Tag> declared() {
        return DESCRIPTIONS.entrySet().stream().map(entry -> new Tag().name(entry.getKey()).description(entry.getValue())).toList();
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
