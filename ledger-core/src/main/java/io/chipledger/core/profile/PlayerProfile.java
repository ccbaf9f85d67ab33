package io.chipledger.core.profile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A player's activity within one partner: logins, plays, play time, bonus use, deposits. The
 * first activity opens the profile. Which activities are new is decided before the command
 * arrives (one command per event id, by the idempotency key), so the profile keeps no set of
 * event ids that would grow for ever; it checks what an activity may say.
 *
 * <p>Fields are read by Jackson when a snapshot is taken, hence field visibility.
 */
@JsonTypeName("profile.PlayerProfile")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlayerProfile {

    /** A day: more play time than that in one report is a client's bug, not a session. */
    public static final long PLAY_DURATION_SECONDS_MAX = 86_400;

    @AggregateIdentifier
    private PlayerProfileId profileId;

    protected PlayerProfile() {
        // Axon creates the profile empty and replays its events, or the first activity opens it.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ActivityReceipt handle(RecordActivityCommand command) {
        if (command.type() == ActivityType.PLAY_DURATION
                && (command.value() == null || command.value() <= 0 || command.value() > PLAY_DURATION_SECONDS_MAX)) {
            throw new IllegalArgumentException("PLAY_DURATION needs value: the seconds played, 1.." + PLAY_DURATION_SECONDS_MAX);
        }
        apply(new PlayerActivityRecordedEvent(command.profileId(), command.eventId(), command.type(), command.value(),
                command.meta(), command.occurredAt(), command.source()));
        return new ActivityReceipt(profileId, command.eventId(), command.type(), getVersion());
    }

    @EventSourcingHandler
    void on(PlayerActivityRecordedEvent event) {
        profileId = event.profileId();
    }
}
