package io.chipledger.api.segment;

import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.core.segment.SegmentCondition;
import io.chipledger.core.segment.SegmentFacts;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.projections.segment.PlayerSegmentProjection;
import io.chipledger.projections.segment.SegmentEvaluator;
import io.chipledger.projections.segment.SegmentSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A draft rule against the partner's players as the segment processor holds them (issue 17),
 * evaluated now: how many its condition matches, the first {@value #PLAYERS_SHOWN} of them by
 * player id, and for how many it would decide, placed among the partner's enabled rules by its
 * priority (after those of equal priority; a disabled draft decides for nobody). Reads every player
 * of the partner once, 2,000 at a time; stores nothing; refused (503) while the segments are rebuilt.
 */
@Component
class SegmentPreview {

    static final int PLAYERS_SHOWN = 100;
    private static final String DRAFT = "draft";

    /** What a draft would do now. */
    record Answer(@Schema(example = "1250") long playersTotal, @Schema(example = "310") long matching,
                  @Schema(example = "120", description = "players for whom the draft would be the deciding rule") long wouldDecide,
                  @Schema(description = "the first 100 matching players by player id") List<String> players, Instant evaluatedAt) {
    }

    private final PlayerSegmentProjection segments;
    private final SegmentSettings settings;
    private final ConsistentReads consistentReads;
    private final Clock clock;

    SegmentPreview(PlayerSegmentProjection segments, SegmentSettings settings, ConsistentReads consistentReads, Clock clock) {
        this.segments = segments;
        this.settings = settings;
        this.consistentReads = consistentReads;
        this.clock = clock;
    }

    /**
     * The draft against the partner's players now; a disabled draft decides for nobody.
     *
     * @throws io.chipledger.api.projection.ProjectionRebuildingException while the segments are rebuilt (503): a partial answer is none
     */
    Answer preview(String partnerId, SegmentRuleDefinition draft) {
        consistentReads.prepare(PlayerSegmentProjection.GROUP, null, partnerId);
        Instant now = clock.instant();
        SegmentCondition condition = draft.parsedCondition();
        List<SegmentEvaluator.Rule> rules = new ArrayList<>(segments.store().rules(partnerId));
        // "~" sorts after every rule id, so the draft follows the rules of its priority.
        rules.add(new SegmentEvaluator.Rule("~" + DRAFT, draft.name(), draft.segment(), draft.priority(), true, condition));
        SegmentEvaluator evaluator = new SegmentEvaluator(rules, settings.vipDepositTotals());
        long[] counts = new long[3];
        List<String> shown = new ArrayList<>();
        segments.store().forEachPlayer(partnerId, kept -> {
            counts[0]++;
            SegmentFacts facts = kept.facts().at(now, settings::scaleOf);
            if (condition.matches(facts)) {
                counts[1]++;
                if (shown.size() < PLAYERS_SHOWN) {
                    shown.add(kept.playerId());
                }
                if (draft.enabled() && evaluator.decide(facts).ruleId().equals("~" + DRAFT)) {
                    counts[2]++;
                }
            }
        });
        return new Answer(counts[0], counts[1], counts[2], shown, now);
    }
}
