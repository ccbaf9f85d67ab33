package io.chipledger.api.segment;

import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the segment rules API (issue 17). Field names are snake_case on the wire. */
final class SegmentRuleRequests {

    private SegmentRuleRequests() {
    }

    /**
     * A rule as written (POST) or rewritten whole (PUT): a name unique within the partner (1-64
     * characters, whatever the case), the segment code it assigns, a priority (0-1,000,000; smaller
     * first, the first match decides), whether it is enabled (default true), and its condition in
     * the language of docs/segments.md. A rule that does not hold is refused with a 400 whose
     * {@code field} points into it ({@code condition/all/1/value}).
     */
    record SegmentRuleRequest(@Schema(example = "Big spenders", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 64) String name,
                @Schema(example = "VIP", requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[A-Z][A-Z0-9_]{0,31}$") String segment,
                @Schema(example = "10", requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "1000000") Integer priority,
                @Schema(example = "true", nullable = true, description = "default true") Boolean enabled,
                @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "object",
                        example = "{\"all\":[{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"5000\"},"
                                + "{\"field\":\"days_since_last_login\",\"op\":\"<\",\"value\":30}]}",
                        description = "{\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or a leaf {\"field\", \"op\", \"value\"} "
                                + "(\"asset\" too for amounts); at most 8 deep and 100 parts") Map<String, Object> condition) {
    }
}
