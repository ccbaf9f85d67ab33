package io.chipledger.core.segment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.wallet.WalletId;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A player's segment as the ledger has published it (issue 17), one aggregate per player
 * ({@code segment:<partner_id>:<player_id>}). The segment processor decides segments; this
 * records a decision only when it differs from the segment recorded last, so recording the same
 * decision again (a replay, a rebuild that decided the same, a second node, a crash before the
 * outbox row was removed) records nothing, and a rebuild that came to another segment records the
 * one change that brings the published segment to it. The recorded changes of a player are a
 * chain in the aggregate's order, each from the segment before.
 */
@JsonTypeName("segment.PlayerSegment")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlayerSegment {

    public static final Set<String> REASONS = Set.of("event", "rules", "time");
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    @AggregateIdentifier
    private String segmentId;
    /** The segment recorded last; null before the first. */
    private String segment;

    protected PlayerSegment() {
        // Axon rebuilds a player's segment from its events, or makes an empty one for the first.
    }

    public static String idOf(String partnerId, String playerId) {
        return "segment:" + partnerId + ":" + playerId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordPlayerSegment command) {
        require(command.partnerId() != null && command.playerId() != null && WalletId.ID.matcher(command.playerId()).matches()
                && idOf(command.partnerId(), command.playerId()).equals(command.segmentId()), "a segment's id is its partner's and player's");
        require(command.segment() != null && SEGMENT.matcher(command.segment()).matches(), "a segment is " + SEGMENT);
        require(command.ruleId() != null && command.ruleName() != null, "a decision names the rule that made it");
        require(REASONS.contains(command.reason()), "a decision's reason is one of " + REASONS);
        require(command.causeEventId() != null && command.decidedAt() != null, "a decision has its cause and time");
        if (command.segment().equals(segment)) {
            return; // recorded already: nothing changed for the services that follow segments
        }
        apply(new PlayerSegmentChangedEvent(command.partnerId(), command.playerId(), segment, command.segment(), command.ruleId(),
                command.ruleName(), command.reason(), command.causeEventId(), command.decidedAt()));
    }

    @EventSourcingHandler
    void on(PlayerSegmentChangedEvent event) {
        segmentId = idOf(event.partnerId(), event.playerId());
        segment = event.toSegment();
    }

    private static void require(boolean holds, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(rule);
        }
    }
}
