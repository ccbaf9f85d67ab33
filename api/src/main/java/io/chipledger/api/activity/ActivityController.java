package io.chipledger.api.activity;

import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.profile.ActivityReceipt;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerProfile;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.projections.activity.PlayerActivityProjection;
import io.chipledger.projections.activity.PlayerActivityProjection.PlayerActivity;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner reports what its players do (logins, plays, play time, bonus use) and reads the
 * figures segmentation uses. An activity counts once per {@code event_id}, ever; the answer says
 * whether this report was the one that counted.
 */
@RestController
@RequestMapping("/api/v1/players/{playerId}")
class ActivityController {

    /** How far ahead of our clock a reported time may be: clocks drift, but the future has not happened. */
    static final Duration OCCURRED_AT_AHEAD_MAX = Duration.ofMinutes(5);
    /**
     * The earliest time a reported activity may carry: before it, the partner's clock is wrong
     * (no player of a platform acted in 1960), and analytics could not keep it (ClickHouse's
     * DateTime starts in 1970).
     */
    static final Instant OCCURRED_AT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** A value besides play time (a count, an amount the partner tracks) stays within this. */
    static final long VALUE_MAX = 1_000_000_000L;

    private static final AnswerForm<ActivityResponse> ANSWER = new AnswerForm<>(ActivityResponse.class, outcome -> {
        ActivityReceipt receipt = (ActivityReceipt) outcome.receipt();
        return new ActivityResponse(receipt.profileId().playerId(), receipt.eventId(), receipt.type().name(), outcome.position(),
                outcome.processedAt());
    });

    private final ActivityRecorder recorder;
    private final Answers answers;
    private final PlayerActivityProjection activities;
    private final ConsistentReads consistentReads;
    private final Clock clock;

    ActivityController(ActivityRecorder recorder, Answers answers, PlayerActivityProjection activities, ConsistentReads consistentReads,
                       Clock clock) {
        this.answers = answers;
        this.recorder = recorder;
        this.activities = activities;
        this.consistentReads = consistentReads;
        this.clock = clock;
    }

    /** What was recorded first for the event id; a later report of it gets the same answer, with {@code Idempotent-Replayed: true}. */
    record ActivityResponse(String playerId, String eventId, String eventType, long position, Instant recordedAt) {
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/activities")
    ResponseEntity<ActivityResponse> recordActivity(@AuthenticationPrincipal PartnerPrincipal partner,
                                            @PathVariable String playerId, @RequestBody ActivityRequest body, HttpServletRequest http) {
        PlayerProfileId profile = PlayerProfileId.of(WalletIds.of(partner.partnerId(), playerId));
        ActivityType type = RequestFields.oneOf("event_type", body.eventType(), ActivityType.class);
        String eventId = RequestFields.uuid("event_id", body.eventId());
        Long value = valueOf(type, body.value());
        Map<String, Object> meta = RequestFields.freeForm("meta", body.meta());
        Instant occurredAt = occurredAt(body.occurredAt());
        CommandOutcome outcome = recorder.record(WalletCommands.Origin.of(partner, http),
                profile, eventId, type, value, meta, occurredAt, ActivitySource.REPORTED, ANSWER);
        return answers.respond(outcome, ANSWER);
    }

    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping("/activity")
    PlayerActivity playerActivity(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                            @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        return activity(PlayerProfileId.of(WalletIds.of(partner.partnerId(), playerId)), consistentWith);
    }

    /**
     * A player's activity figures: the partner's read above and the staff's
     * ({@code GET /admin/v1/partners/{partnerId}/players/{playerId}/activity}) are this one query.
     */
    PlayerActivity activity(PlayerProfileId profile, Long consistentWith) {
        consistentReads.prepare(PlayerActivityProjection.GROUP, consistentWith, profile.toString());
        return activities.activity(profile).orElseThrow(() -> new UnknownPlayerException(profile.playerId()));
    }

    private static Long valueOf(ActivityType type, Long value) {
        if (type == ActivityType.PLAY_DURATION) {
            if (value == null || value < 1 || value > PlayerProfile.PLAY_DURATION_SECONDS_MAX) {
                throw new InvalidRequestException("value", "PLAY_DURATION needs value: the seconds played, 1.."
                        + PlayerProfile.PLAY_DURATION_SECONDS_MAX);
            }
        } else if (value != null && (value < 0 || value > VALUE_MAX)) {
            throw new InvalidRequestException("value", "value must be 0.." + VALUE_MAX);
        }
        return value;
    }

    private Instant occurredAt(Instant reported) {
        Instant now = clock.instant();
        if (reported == null) {
            return now;
        }
        if (reported.isBefore(OCCURRED_AT_EARLIEST)) {
            throw new InvalidRequestException("occurred_at", "occurred_at " + reported + " is before " + OCCURRED_AT_EARLIEST
                    + ": the reporting clock is wrong");
        }
        if (reported.isAfter(now.plus(OCCURRED_AT_AHEAD_MAX))) {
            throw new InvalidRequestException("occurred_at", "occurred_at " + reported + " is in the future (more than "
                    + OCCURRED_AT_AHEAD_MAX.toMinutes() + " minutes ahead of the ledger's clock)");
        }
        return reported;
    }
}
