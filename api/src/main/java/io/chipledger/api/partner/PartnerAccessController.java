package io.chipledger.api.partner;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.partner.PartnerRequests.IpAllowListRequest;
import io.chipledger.api.partner.PartnerRequests.KeyRotationRequest;
import io.chipledger.api.partner.PartnerRequests.RateLimitRequest;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AccessProperties;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ApiKeys;
import io.chipledger.api.security.IpBlocks;
import io.chipledger.api.security.KeyExpiry;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.partner.ChangeIpAllowListCommand;
import io.chipledger.core.partner.ChangeRateLimitCommand;
import io.chipledger.core.partner.Partner;
import io.chipledger.core.partner.RotateApiKeyCommand;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.AccessRules;
import io.chipledger.projections.partner.PartnerAccessProjection.KeyView;
import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access rules of a partner's keys (issue 19, docs/security.md): rotation with an overlap, the
 * IP allow-list and the rate limit per key. Changes need {@code super} or {@code ops}, reads also
 * {@code support}; every change is a partner event with the acting admin key in its metadata, and
 * counts on every node from the next request (the key cache's generation, V23).
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}")
class PartnerAccessController {

    /** How long an old key may keep working beside its successor: long enough for a careful roll-out, short enough to end. */
    static final int ROTATION_OVERLAP_MAX_DAYS = 30;

    private final PartnerCommands commands;
    private final PartnerAccessProjection partners;
    private final AccessProperties access;
    private final Clock clock;

    PartnerAccessController(PartnerCommands commands, PartnerAccessProjection partners, AccessProperties access, Clock clock) {
        this.commands = commands;
        this.partners = partners;
        this.access = access;
        this.clock = clock;
    }

    /** The new key, shown this once, and the old key's last instant. */
    record RotatedKeyResponse(String keyId, String apiKey, List<String> scopes, Instant expiresAt, String replacedKeyId,
                              Instant replacedKeyExpiresAt) {
    }

    /** The blocks the partner's keys are accepted from, canonical; empty: from any address. */
    record IpAllowListResponse(String partnerId, List<String> cidrs) {
    }

    /** The limit each of the partner's keys is held to; {@code source} is {@code partner} (its own) or {@code default} (configured). */
    record RateLimitResponse(String partnerId, int requestsPerSecond, int burst, String source) {
    }

    /**
     * Issues a successor with the old key's scopes; the old key keeps working until
     * {@code old_key_expires_at}, then is refused as expired. 404 for a key that is not live
     * (unknown, revoked); 409 for a key already rotated, or an overlap past the old key's expiry.
     */
    @PostMapping("/api-keys/{keyId}/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    @AdminAccess({SUPER, OPS})
    RotatedKeyResponse rotateApiKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                    @PathVariable String keyId, @RequestBody KeyRotationRequest body, HttpServletRequest http) {
        if (!PartnerAdminController.KEY_ID.matcher(keyId).matches()) {
            throw new InvalidRequestException("key_id", "key_id must be k_ and 16 hex digits");
        }
        Instant oldKeyExpiresAt = overlapEnd(body.oldKeyExpiresAt());
        Instant expiresAt = KeyExpiry.parse(body.expiresAt(), clock);
        String newKeyId = "k_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ApiKeys.NewKey key = ApiKeys.generate(ApiKeys.Kind.PARTNER);
        commands.send(admin, partnerId, http,
                new RotateApiKeyCommand(partnerId, keyId, newKeyId, key.prefix(), key.secretHash(), expiresAt, oldKeyExpiresAt));
        KeyView issued = partners.keys(partnerId).stream().filter(view -> view.keyId().equals(newKeyId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the rotated key " + newKeyId + " is not in the partner-access table"));
        return new RotatedKeyResponse(newKeyId, key.plainText(),
                PartnerAdminController.wireNames(issued.scopes()), expiresAt, keyId, oldKeyExpiresAt);
    }

    @GetMapping("/ip-allow-list")
    @AdminAccess({SUPER, OPS, SUPPORT})
    IpAllowListResponse getIpAllowList(@PathVariable String partnerId) {
        return new IpAllowListResponse(partnerId, rules(partnerId).ipAllowList());
    }

    /** Replaces the list (canonical blocks, in the order given); the same list again records nothing. */
    @PutMapping("/ip-allow-list")
    @AdminAccess({SUPER, OPS})
    IpAllowListResponse setIpAllowList(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                       @RequestBody IpAllowListRequest body, HttpServletRequest http) {
        List<String> cidrs = cidrs(body.cidrs());
        String reason = RequestFields.reason(body.reason());
        commands.send(admin, partnerId, http, new ChangeIpAllowListCommand(partnerId, cidrs, reason));
        return getIpAllowList(partnerId);
    }

    @GetMapping("/rate-limit")
    @AdminAccess({SUPER, OPS, SUPPORT})
    RateLimitResponse getRateLimit(@PathVariable String partnerId) {
        RateLimit own = rules(partnerId).rateLimit();
        RateLimit limit = own == null ? access.rateLimits().key() : own;
        return new RateLimitResponse(partnerId, limit.requestsPerSecond(), limit.burst(), own == null ? "default" : "partner");
    }

    /** Sets the partner's own limit per key, or (both left out) returns it to the configured default. */
    @PutMapping("/rate-limit")
    @AdminAccess({SUPER, OPS})
    RateLimitResponse setRateLimit(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                   @RequestBody RateLimitRequest body, HttpServletRequest http) {
        Integer rate = body.requestsPerSecond();
        Integer burst = body.burst();
        if ((rate == null) != (burst == null)) {
            throw new InvalidRequestException(rate == null ? "requests_per_second" : "burst",
                    "give both requests_per_second and burst, or neither for the configured default");
        }
        if (rate != null && (rate < 1 || rate > Partner.REQUESTS_PER_SECOND_MAX)) {
            throw new InvalidRequestException("requests_per_second", "requests_per_second must be 1 to " + Partner.REQUESTS_PER_SECOND_MAX);
        }
        if (burst != null && (burst < rate || burst > Partner.REQUESTS_PER_SECOND_MAX)) {
            throw new InvalidRequestException("burst", "burst must be from requests_per_second to " + Partner.REQUESTS_PER_SECOND_MAX);
        }
        commands.send(admin, partnerId, http, new ChangeRateLimitCommand(partnerId, rate, burst));
        return getRateLimit(partnerId);
    }

    private AccessRules rules(String partnerId) {
        return partners.accessRules(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
    }

    private Instant overlapEnd(String text) {
        Instant end = KeyExpiry.instant("old_key_expires_at", text, clock);
        if (end == null) {
            throw new InvalidRequestException("old_key_expires_at", "old_key_expires_at is required: when the old key stops working");
        }
        if (end.isAfter(clock.instant().plus(Duration.ofDays(ROTATION_OVERLAP_MAX_DAYS)))) {
            throw new InvalidRequestException("old_key_expires_at", "old_key_expires_at must be at most " + ROTATION_OVERLAP_MAX_DAYS
                    + " days ahead: an overlap is for rolling the new key out, then the old one stops");
        }
        return end;
    }

    private static List<String> cidrs(List<String> given) {
        if (given == null || given.size() > Partner.IP_ALLOW_LIST_MAX) {
            throw new InvalidRequestException("cidrs", "cidrs is a list of 0 to " + Partner.IP_ALLOW_LIST_MAX
                    + " CIDR blocks such as 203.0.113.0/24 or 2001:db8::/32; empty accepts every address");
        }
        Set<String> blocks = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "cidrs[" + i + "]";
            String block;
            try {
                block = IpBlocks.canonicalBlock(given.get(i));
            } catch (IllegalArgumentException wrong) {
                throw new InvalidRequestException(field, field + ": " + wrong.getMessage());
            }
            if (!blocks.add(block)) {
                throw new InvalidRequestException(field, field + " names " + block + " a second time");
            }
        }
        return new ArrayList<>(blocks);
    }
}
