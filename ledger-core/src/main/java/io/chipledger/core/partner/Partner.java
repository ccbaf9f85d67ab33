package io.chipledger.core.partner;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An operator, aggregator or affiliate that calls the ledger, with its status, its settlement
 * policy and the ids of its live API keys.
 */
@JsonTypeName("partner.Partner")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Partner {

    /** Live (issued, not revoked) keys per partner: enough for rotation across environments. */
    public static final int LIVE_API_KEYS_MAX = 20;
    /** 100% in basis points. */
    public static final int COMMISSION_RATE_BASIS_POINTS_MAX = 10_000;

    @AggregateIdentifier
    private String partnerId;
    private PartnerStatus status;
    /** A partner whose history has no policy change (every partner stored before policies existed) settles single-win. */
    private SettlementPolicy settlementPolicy = SettlementPolicy.SINGLE_WIN;
    private final Set<String> liveKeyIds = new HashSet<>();

    protected Partner() {
        // Axon rebuilds a partner from its events.
    }

    @CommandHandler
    public Partner(RegisterPartnerCommand command) {
        requireCommissionRate(command.commissionRateBasisPoints());
        requirePolicy(command.settlementPolicy());
        apply(new PartnerRegisteredEvent(command.partnerId(), command.name(), command.type(),
                command.commissionRateBasisPoints(), command.contactEmail()));
        // The registered event keeps its schema (revision 1): a policy chosen at registration is
        // the same change event a later PATCH records, appended in the same commit.
        if (command.settlementPolicy() != SettlementPolicy.SINGLE_WIN) {
            apply(new SettlementPolicyChangedEvent(command.partnerId(), command.settlementPolicy()));
        }
    }

    @CommandHandler
    public void handle(UpdatePartnerCommand command) {
        requireCommissionRate(command.commissionRateBasisPoints());
        apply(new PartnerUpdatedEvent(partnerId, command.name(), command.commissionRateBasisPoints(), command.contactEmail()));
    }

    /** Records the change only when the policy differs: the same policy again appends nothing. */
    @CommandHandler
    public void handle(ChangeSettlementPolicyCommand command) {
        requirePolicy(command.policy());
        if (command.policy() != settlementPolicy) {
            apply(new SettlementPolicyChangedEvent(partnerId, command.policy()));
        }
    }

    @CommandHandler
    public void handle(SuspendPartnerCommand command) {
        if (status == PartnerStatus.SUSPENDED) {
            throw new RuleViolation(Rule.PARTNER_SUSPENDED, "partner " + partnerId + " is already suspended");
        }
        apply(new PartnerSuspendedEvent(partnerId, command.reason()));
    }

    @CommandHandler
    public void handle(ReactivatePartnerCommand command) {
        if (status != PartnerStatus.SUSPENDED) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "partner " + partnerId + " is not suspended");
        }
        apply(new PartnerReactivatedEvent(partnerId, command.reason()));
    }

    @CommandHandler
    public void handle(IssueApiKeyCommand command) {
        if (status == PartnerStatus.SUSPENDED) {
            throw new RuleViolation(Rule.PARTNER_SUSPENDED, "partner " + partnerId + " is suspended; no keys are issued");
        }
        if (liveKeyIds.size() >= LIVE_API_KEYS_MAX) {
            throw new RuleViolation(Rule.API_KEYS_LIMIT,
                    "partner " + partnerId + " already has " + LIVE_API_KEYS_MAX + " live keys; revoke one first");
        }
        if (command.scopes() == null || command.scopes().isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        apply(new ApiKeyIssuedEvent(partnerId, command.keyId(), command.prefix(), command.secretHash(),
                Set.copyOf(command.scopes()), command.expiresAt()));
    }

    @CommandHandler
    public void handle(RevokeApiKeyCommand command) {
        if (!liveKeyIds.contains(command.keyId())) {
            throw new RuleViolation(Rule.UNKNOWN_API_KEY, "partner " + partnerId + " has no live key " + command.keyId());
        }
        apply(new ApiKeyRevokedEvent(partnerId, command.keyId()));
    }

    @EventSourcingHandler
    void on(PartnerRegisteredEvent event) {
        partnerId = event.partnerId();
        status = PartnerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(SettlementPolicyChangedEvent event) {
        settlementPolicy = event.policy();
    }

    @EventSourcingHandler
    void on(PartnerSuspendedEvent event) {
        status = PartnerStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(PartnerReactivatedEvent event) {
        status = PartnerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ApiKeyIssuedEvent event) {
        liveKeyIds.add(event.keyId());
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        liveKeyIds.remove(event.keyId());
    }

    private static void requirePolicy(SettlementPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("a settlement policy is required: " + Arrays.toString(SettlementPolicy.values()));
        }
    }

    private static void requireCommissionRate(int basisPoints) {
        if (basisPoints < 0 || basisPoints > COMMISSION_RATE_BASIS_POINTS_MAX) {
            throw new IllegalArgumentException("commission rate must be 0.." + COMMISSION_RATE_BASIS_POINTS_MAX + " basis points");
        }
    }
}
