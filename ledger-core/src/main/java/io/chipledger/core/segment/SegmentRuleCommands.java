package io.chipledger.core.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of a partner's {@link SegmentRuleBook}; the acting admin key goes into the events' metadata ({@code actor}). */
public final class SegmentRuleCommands {

    private SegmentRuleCommands() {
    }

    public record Create(String partnerId, String ruleId, SegmentRuleDefinition rule) {
        @TargetAggregateIdentifier
        public String bookId() {
            return SegmentRuleBook.idOf(partnerId);
        }
    }

    /** Replaces the rule's definition; only what differs makes an event (nothing, when nothing does). */
    public record Update(String partnerId, String ruleId, SegmentRuleDefinition rule) {
        @TargetAggregateIdentifier
        public String bookId() {
            return SegmentRuleBook.idOf(partnerId);
        }
    }

    public record Delete(String partnerId, String ruleId) {
        @TargetAggregateIdentifier
        public String bookId() {
            return SegmentRuleBook.idOf(partnerId);
        }
    }

    /** Segment every player of the partner again, now; {@code reason} is {@code daily} or {@code requested}. */
    public record Evaluate(String partnerId, String reason) {
        @TargetAggregateIdentifier
        public String bookId() {
            return SegmentRuleBook.idOf(partnerId);
        }
    }
}
