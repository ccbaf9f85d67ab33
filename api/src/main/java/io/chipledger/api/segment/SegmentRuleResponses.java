package io.chipledger.api.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import io.chipledger.projections.segment.SegmentRuleProjection.RuleView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the segment rules API answers (issue 17). */
final class SegmentRuleResponses {

    private SegmentRuleResponses() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** One rule as it stands, its condition in canonical form; who created and last changed it (admin keys). */
    record SegmentRule(@Schema(example = "sr_4f1c2a9b7d3e5a60") String ruleId, @Schema(example = "p_0123456789abcdef") String partnerId,
                @Schema(example = "Big spenders") String name, @Schema(example = "VIP") String segment, @Schema(example = "10") int priority,
                boolean enabled, Map<String, Object> condition, Instant createdAt,
                @Schema(example = "admin-key:ak_0123456789abcdef") String createdBy, Instant updatedAt,
                @Schema(example = "admin-key:ak_0123456789abcdef") String updatedBy) {

        static SegmentRule of(RuleView view) {
            return new SegmentRule(view.ruleId(), view.partnerId(), view.name(), view.segment(), view.priority(), view.enabled(), JSON.convertValue(view.condition(), OBJECT),
                    view.createdAt(), view.createdBy(), view.updatedAt(), view.updatedBy());
        }
    }

    /** A partner's rules in evaluation order: priority, then rule id (at most 100). */
    record SegmentRules(List<SegmentRule> rules) {
    }
}
