package io.chipledger.core.partner;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.ledger.RuleViolation.Rule;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An operator, aggregator or affiliate that calls the ledger, with its status, its settlement
 * policy, its live API keys and the access rules of those keys (the addresses they are accepted
 * from, how many requests a second each may make).
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
    /** CIDR blocks in one allow-list: a partner's egress ranges, not a country's. */
    public static final int IP_ALLOW_LIST_MAX = 50;
    /** Requests a second one key may be allowed: far above one node's capacity (docs/performance.md). */
    public static final int REQUESTS_PER_SECOND_MAX = 100_000;

    /** What the partner decides about one live key: its scopes (a rotation copies them), its expiry, and whether it is being replaced. */
    private record LiveKey(Set<ApiScope> scopes, Instant expiresAt, boolean rotated) {
    }

    @AggregateIdentifier
    private String partnerId;
    private PartnerStatus status;
    /** A partner whose history has no policy change (every partner stored before policies existed) settles single-win. */
    private SettlementPolicy settlementPolicy = SettlementPolicy.SINGLE_WIN;
    private final Map<String, LiveKey> liveKeys = new HashMap<>();
    private List<String> ipAllowList = List.of();
    private Integer requestsPerSecond;
    private Integer burst;

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
        requireRoomForAKey();
        if (command.scopes() == null || command.scopes().isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        apply(new ApiKeyIssuedEvent(partnerId, command.keyId(), command.prefix(), command.secretHash(),
                Set.copyOf(command.scopes()), command.expiresAt()));
    }

    /**
     * Issues the new key with the old key's scopes and ends the old key at the overlap's end. A key
     * already being replaced is not rotated again (rotate its successor), and an overlap never
     * lengthens a key's life: its end is at most the old key's own expiry.
     */
    @CommandHandler
    public void handle(RotateApiKeyCommand command) {
        if (status == PartnerStatus.SUSPENDED) {
            throw new RuleViolation(Rule.PARTNER_SUSPENDED, "partner " + partnerId + " is suspended; no keys are issued");
        }
        LiveKey old = liveKey(command.oldKeyId());
        if (old.rotated()) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "API key " + command.oldKeyId() + " was already rotated; rotate its successor");
        }
        Objects.requireNonNull(command.oldKeyExpiresAt(), "a rotation says when the old key stops");
        if (old.expiresAt() != null && command.oldKeyExpiresAt().isAfter(old.expiresAt())) {
            throw new RuleViolation(Rule.STATUS_CONFLICT, "API key " + command.oldKeyId() + " expires at " + old.expiresAt()
                    + "; the overlap cannot end after that");
        }
        requireRoomForAKey();
        apply(new ApiKeyIssuedEvent(partnerId, command.newKeyId(), command.prefix(), command.secretHash(), old.scopes(),
                command.expiresAt()));
        apply(new ApiKeyRotatedEvent(partnerId, command.oldKeyId(), command.newKeyId(), command.oldKeyExpiresAt()));
    }

    @CommandHandler
    public void handle(RevokeApiKeyCommand command) {
        liveKey(command.keyId());
        apply(new ApiKeyRevokedEvent(partnerId, command.keyId()));
    }

    /** Records the list only when it differs: the same list again appends nothing. */
    @CommandHandler
    public void handle(ChangeIpAllowListCommand command) {
        List<String> cidrs = List.copyOf(command.cidrs());
        if (cidrs.size() > IP_ALLOW_LIST_MAX) {
            throw new IllegalArgumentException("an IP allow-list has at most " + IP_ALLOW_LIST_MAX + " CIDR blocks");
        }
        if (!cidrs.equals(ipAllowList)) {
            apply(new IpAllowListChangedEvent(partnerId, cidrs, command.reason()));
        }
    }

    /** Records the limit only when it differs; both values or neither (the configured default). */
    @CommandHandler
    public void handle(ChangeRateLimitCommand command) {
        Integer rate = command.requestsPerSecond();
        Integer size = command.burst();
        if ((rate == null) != (size == null)) {
            throw new IllegalArgumentException("a rate limit has both requests_per_second and burst, or neither");
        }
        if (rate != null && (rate < 1 || rate > REQUESTS_PER_SECOND_MAX || size < rate || size > REQUESTS_PER_SECOND_MAX)) {
            throw new IllegalArgumentException("requests_per_second must be 1.." + REQUESTS_PER_SECOND_MAX
                    + " and burst from requests_per_second to " + REQUESTS_PER_SECOND_MAX);
        }
        if (!Objects.equals(rate, requestsPerSecond) || !Objects.equals(size, burst)) {
            apply(new RateLimitChangedEvent(partnerId, rate, size));
        }
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
        liveKeys.put(event.keyId(), new LiveKey(event.scopes(), event.expiresAt(), false));
    }

    @EventSourcingHandler
    void on(ApiKeyRotatedEvent event) {
        liveKeys.computeIfPresent(event.oldKeyId(), (id, key) -> new LiveKey(key.scopes(), event.oldKeyExpiresAt(), true));
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        liveKeys.remove(event.keyId());
    }

    @EventSourcingHandler
    void on(IpAllowListChangedEvent event) {
        ipAllowList = List.copyOf(event.cidrs());
    }

    @EventSourcingHandler
    void on(RateLimitChangedEvent event) {
        requestsPerSecond = event.requestsPerSecond();
        burst = event.burst();
    }

    private LiveKey liveKey(String keyId) {
        LiveKey key = liveKeys.get(keyId);
        if (key == null) {
            throw new RuleViolation(Rule.UNKNOWN_API_KEY, "partner " + partnerId + " has no live key " + keyId);
        }
        return key;
    }

    /** A key that expired still counts until it is revoked: the listing shows it, and revoking it makes room. */
    private void requireRoomForAKey() {
        if (liveKeys.size() >= LIVE_API_KEYS_MAX) {
            throw new RuleViolation(Rule.API_KEYS_LIMIT,
                    "partner " + partnerId + " already has " + LIVE_API_KEYS_MAX + " live keys; revoke one first");
        }
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
