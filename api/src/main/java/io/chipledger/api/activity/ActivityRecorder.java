package io.chipledger.api.activity;

import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.profile.RecordActivityCommand;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records a player's activity once per event id, whichever way it arrives: reported by the
 * partner, or seen by the wallet (a play, a deposit). The event id is the idempotency key
 * ({@code activity:<event_id>}), and the request it is checked against is the player and the
 * event id alone, so every later report of the same event id, whatever else it says, is
 * answered as already recorded.
 */
@Component
class ActivityRecorder {

    private final WalletCommands commands;

    ActivityRecorder(WalletCommands commands) {
        this.commands = commands;
    }

    /** What identifies an activity for the duplicate check: who and which event. */
    private record ActivityIdentity(String eventId) {
    }

    /** {@code form} makes the answer a reporting caller is given; null when the wallet records the activity itself. */
    CommandOutcome record(WalletCommands.Origin origin, PlayerProfileId profile, String eventId, ActivityType type, Long value,
                          Map<String, Object> meta, Instant occurredAt, ActivitySource source, AnswerForm<?> form) {
        return commands.send(origin, RequestFields.ACTIVITY_KEY_PREFIX + eventId, profile.toString(), "activity", new ActivityIdentity(eventId),
                transactionId -> new RecordActivityCommand(profile, eventId, type, value, meta, occurredAt, source), form);
    }
}
