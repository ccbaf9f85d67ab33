package io.chipledger.core.segment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One recorded change of a player's segment (issue 17): an aggregate per change, like an AML
 * alert, so that the store itself refuses a second recording of the same change (its id is made
 * from the player and the event that caused it, {@link #idOf}) however often the segment processor
 * decides it again (a replay, a rebuild, two nodes). The processor decides; this only records.
 */
@JsonTypeName("segment.PlayerSegmentChange")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlayerSegmentChange {

    /** The ids changes have: {@code sc_} and 32 hex digits of SHA-256 over partner, player and cause, each after its length. */
    public static final Pattern ID = Pattern.compile("sc_[0-9a-f]{32}");
    public static final Set<String> REASONS = Set.of("event", "rules", "time");
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    @AggregateIdentifier
    private String changeId;

    protected PlayerSegmentChange() {
        // Axon rebuilds a change from its one event.
    }

    @CommandHandler
    public PlayerSegmentChange(RecordPlayerSegmentChange command) {
        require(command.partnerId() != null && command.playerId() != null && command.causeEventId() != null,
                "a change names its partner, player and cause");
        require(idOf(command.partnerId(), command.playerId(), command.causeEventId()).equals(command.changeId()),
                "a change's id is made from its partner, player and cause");
        require(command.fromSegment() == null || SEGMENT.matcher(command.fromSegment()).matches(), "a segment is " + SEGMENT);
        require(command.toSegment() != null && SEGMENT.matcher(command.toSegment()).matches(), "a segment is " + SEGMENT);
        require(!command.toSegment().equals(command.fromSegment()), "a change moves the player to another segment");
        require(command.ruleId() != null && command.ruleName() != null, "a change names the rule that decided");
        require(REASONS.contains(command.reason()), "a change's reason is one of " + REASONS);
        require(command.changedAt() != null, "a change has its time");
        apply(new PlayerSegmentChangedEvent(command.changeId(), command.partnerId(), command.playerId(), command.fromSegment(),
                command.toSegment(), command.ruleId(), command.ruleName(), command.reason(), command.causeEventId(), command.changedAt()));
    }

    @EventSourcingHandler
    void on(PlayerSegmentChangedEvent event) {
        changeId = event.changeId();
    }

    /** The id of the change of a player's segment that an event caused: one per player and cause, whatever replays. */
    public static String idOf(String partnerId, String playerId, String causeEventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(framed(partnerId, playerId, causeEventId).getBytes(StandardCharsets.UTF_8));
            return "sc_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** Each part after its length, so no two lists of parts read as the same text. */
    private static String framed(String... parts) {
        StringBuilder framed = new StringBuilder();
        for (String part : parts) {
            framed.append(part.length()).append(':').append(part);
        }
        return framed.toString();
    }

    private static void require(boolean holds, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(rule);
        }
    }
}
