package io.chipledger.core.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.core.wallet.WalletId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A partner's campaign (issue 20): a reward for every player of a segment during a period, with a
 * message rendered for each. Its life is {@code DRAFT → SCHEDULED → RUNNING → FINISHED}, or
 * {@code CANCELLED} from any but the last ({@link CampaignStatus}). It decides whether a delivery
 * may happen now (running, within the period) and counts them; it keeps no set of the players
 * delivered: the delivery's idempotency key, one per campaign and player, decides duplicates, so
 * the campaign's memory stays a few fields however large its segment.
 */
@JsonTypeName("campaign.Campaign")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Campaign {

    /** The ids the ledger mints: {@code cmp_} and 16 hex digits. */
    public static final Pattern CAMPAIGN_ID = Pattern.compile("cmp_[0-9a-f]{16}");
    public static final int NAME_LENGTH_MAX = 100;
    public static final int PERIOD_DAYS_MAX = 90;
    public static final int CANCEL_REASON_LENGTH_MAX = 500;
    private static final Pattern SEGMENT = Pattern.compile(SegmentRuleDefinition.SEGMENT_PATTERN);

    @AggregateIdentifier
    private String aggregateId;
    private String partnerId;
    private String campaignId;
    private String name;
    private Instant startsAt;
    private Instant endsAt;
    private CampaignReward reward;
    private String messageTemplate;
    private CampaignStatus status;
    private long deliveries;

    protected Campaign() {
        // Axon rebuilds a campaign from its events.
    }

    /** Where a partner's campaign is stored: its id is unique, the partner's makes another partner's id unknown here. */
    public static String idOf(String partnerId, String campaignId) {
        return "campaign:" + partnerId + ":" + campaignId;
    }

    @CommandHandler
    public Campaign(CampaignCommands.Create command) {
        require(command.partnerId() != null && !command.partnerId().isBlank(), "a campaign belongs to a partner");
        require(command.campaignId() != null && CAMPAIGN_ID.matcher(command.campaignId()).matches(), "a campaign's id matches " + CAMPAIGN_ID);
        require(command.name() != null && !command.name().isBlank() && command.name().codePointCount(0, command.name().length()) <= NAME_LENGTH_MAX
                && command.name().chars().noneMatch(Character::isISOControl), "a campaign's name is 1-" + NAME_LENGTH_MAX
                + " characters, no control characters");
        require(command.segment() != null && SEGMENT.matcher(command.segment()).matches(), "a campaign's segment is "
                + SegmentRuleDefinition.SEGMENT_PATTERN);
        requirePeriod(command.startsAt(), command.endsAt());
        require(command.reward() != null, "a campaign has a reward");
        Set<String> known = CampaignMessage.known(command.reward());
        CampaignMessage.check(command.messageTemplate(), known);
        apply(new CampaignEvents.Created(command.partnerId(), command.campaignId(), command.name(), command.segment(), command.startsAt(),
                command.endsAt(), command.reward(), command.messageTemplate()));
    }

    /** The period's rules, for the API to check a request before it sends anything. */
    public static void requirePeriod(Instant startsAt, Instant endsAt) {
        require(startsAt != null && endsAt != null, "a campaign's period has a start and an end");
        require(startsAt.isBefore(endsAt), "a campaign's period starts before it ends");
        require(Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(PERIOD_DAYS_MAX)) <= 0, "a campaign's period lasts at most "
                + PERIOD_DAYS_MAX + " days");
    }

    @CommandHandler
    void handle(CampaignCommands.Schedule command) {
        requireStatus(CampaignStatus.DRAFT, "scheduled");
        if (!command.at().isBefore(endsAt)) {
            throw new RuleViolation(Rule.CAMPAIGN_PERIOD_OVER, "campaign " + campaignId + "'s period ended at " + endsAt
                    + "; create a campaign with a period to come", Map.of("ends_at", endsAt.toString()));
        }
        apply(new CampaignEvents.Scheduled(partnerId, campaignId));
    }

    @CommandHandler
    void handle(CampaignCommands.Cancel command) {
        require(command.reason() != null && !command.reason().isBlank() && command.reason().length() <= CANCEL_REASON_LENGTH_MAX,
                "a cancellation gives a reason of 1-" + CANCEL_REASON_LENGTH_MAX + " characters");
        if (status.isOver()) {
            throw statusConflict("cancelled");
        }
        apply(new CampaignEvents.Cancelled(partnerId, campaignId, status, command.reason(), deliveries));
    }

    @CommandHandler
    void handle(CampaignCommands.Start command) {
        requireStatus(CampaignStatus.SCHEDULED, "started");
        if (command.at().isBefore(startsAt) || !command.at().isBefore(endsAt)) {
            throw statusConflict("started at " + command.at() + ", outside its period");
        }
        apply(new CampaignEvents.Started(partnerId, campaignId, command.at()));
    }

    @CommandHandler
    void handle(CampaignCommands.Finish command) {
        if (status != CampaignStatus.SCHEDULED && status != CampaignStatus.RUNNING) {
            throw statusConflict("finished");
        }
        if (command.at().isBefore(endsAt)) {
            throw statusConflict("finished at " + command.at() + ", before its period ends");
        }
        apply(new CampaignEvents.Finished(partnerId, campaignId, command.at(), deliveries));
    }

    @CommandHandler
    CampaignReceipt handle(DeliverCampaignRewardCommand command) {
        require(command.playerId() != null && WalletId.ID.matcher(command.playerId()).matches(), "a delivery names a player id");
        requireStatus(CampaignStatus.RUNNING, "delivered");
        if (!command.at().isBefore(endsAt)) {
            throw statusConflict("delivered at " + command.at() + ", after its period");
        }
        Map<String, String> values = new HashMap<>(reward.placeholders());
        values.put("player_id", command.playerId());
        values.put("campaign_name", name);
        apply(new CampaignRewardDeliveredEvent(partnerId, campaignId, command.playerId(), reward,
                CampaignMessage.render(messageTemplate, values), deliveries + 1));
        return new CampaignReceipt(aggregateId, getVersion(), deliveries);
    }

    private void requireStatus(CampaignStatus required, String change) {
        if (status != required) {
            throw statusConflict(change);
        }
    }

    private RuleViolation statusConflict(String change) {
        return new RuleViolation(Rule.STATUS_CONFLICT, "campaign " + campaignId + " is " + status + " and cannot be " + change,
                Map.of("campaign_status", status.name()));
    }

    private static void require(boolean holds, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(rule);
        }
    }

    @EventSourcingHandler
    void on(CampaignEvents.Created event) {
        aggregateId = idOf(event.partnerId(), event.campaignId());
        partnerId = event.partnerId();
        campaignId = event.campaignId();
        name = event.name();
        startsAt = event.startsAt();
        endsAt = event.endsAt();
        reward = event.reward();
        messageTemplate = event.messageTemplate();
        status = CampaignStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(CampaignEvents.Scheduled event) {
        status = CampaignStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(CampaignEvents.Started event) {
        status = CampaignStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(CampaignEvents.Finished event) {
        status = CampaignStatus.FINISHED;
    }

    @EventSourcingHandler
    void on(CampaignEvents.Cancelled event) {
        status = CampaignStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(CampaignRewardDeliveredEvent event) {
        deliveries = event.delivery();
    }
}
