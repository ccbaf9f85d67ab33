package io.chipledger.api.partner;

import io.chipledger.api.problem.Echo;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.ApiKeys;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.partner.IssueApiKeyCommand;
import io.chipledger.core.partner.PartnerType;
import io.chipledger.core.partner.ReactivatePartnerCommand;
import io.chipledger.core.partner.RegisterPartnerCommand;
import io.chipledger.core.partner.RevokeApiKeyCommand;
import io.chipledger.core.partner.SuspendPartnerCommand;
import io.chipledger.core.partner.UpdatePartnerCommand;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.KeyView;
import io.chipledger.projections.partner.PartnerAccessProjection.PartnerView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for partners and their API keys. */
@RestController
@RequestMapping("/admin/v1/partners")
class PartnerAdminController {

    static final int NAME_LENGTH_MAX = 200;
    static final int EMAIL_LENGTH_MAX = 254;
    static final int SCOPES_MAX = ApiScope.values().length;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int COMMISSION_RATE_DECIMALS_MAX = 4;
    /** Ten years: a later expiry is a typo, and one past year 9999 could not even be stored. */
    static final Duration KEY_LIFETIME_MAX = Duration.ofDays(3_653);

    private final CommandGateway commandGateway;
    private final PartnerAccessProjection partners;
    private final Clock clock;

    PartnerAdminController(CommandGateway commandGateway, PartnerAccessProjection partners, Clock clock) {
        this.commandGateway = commandGateway;
        this.partners = partners;
        this.clock = clock;
    }

    record PartnerRequest(String name, String type, BigDecimal commissionRate, String contactEmail) {
    }

    record StatusRequest(String reason) {
    }

    record PartnerResponse(String partnerId, String name, String type, String status, BigDecimal commissionRate,
                           String contactEmail, Instant registeredAt) {
    }

    record KeyRequest(List<String> scopes, Instant expiresAt) {
    }

    record IssuedKeyResponse(String keyId, String apiKey, List<String> scopes, Instant expiresAt) {
    }

    record KeyResponse(String keyId, String prefix, List<String> scopes, Instant expiresAt, Instant issuedAt, Instant revokedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PartnerResponse register(@RequestBody PartnerRequest body) {
        String partnerId = "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        send(new RegisterPartnerCommand(partnerId, name(body.name()), type(body.type()),
                commissionBasisPoints(body.commissionRate()), email(body.contactEmail())));
        return get(partnerId);
    }

    @GetMapping("/{partnerId}")
    PartnerResponse get(@PathVariable String partnerId) {
        PartnerView view = partners.partner(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId));
        return new PartnerResponse(view.partnerId(), view.name(), view.type().toLowerCase(Locale.ROOT),
                view.status().toLowerCase(Locale.ROOT), BigDecimal.valueOf(view.commissionRateBasisPoints(), COMMISSION_RATE_DECIMALS_MAX),
                view.contactEmail(), view.registeredAt());
    }

    @PatchMapping("/{partnerId}")
    PartnerResponse update(@PathVariable String partnerId, @RequestBody PartnerRequest body) {
        PartnerResponse current = get(partnerId);
        send(new UpdatePartnerCommand(partnerId,
                body.name() == null ? current.name() : name(body.name()),
                commissionBasisPoints(body.commissionRate() == null ? current.commissionRate() : body.commissionRate()),
                body.contactEmail() == null ? current.contactEmail() : email(body.contactEmail())));
        return get(partnerId);
    }

    @PostMapping("/{partnerId}/suspend")
    PartnerResponse suspend(@PathVariable String partnerId, @RequestBody StatusRequest body) {
        send(new SuspendPartnerCommand(partnerId, reason(body)));
        return get(partnerId);
    }

    @PostMapping("/{partnerId}/reactivate")
    PartnerResponse reactivate(@PathVariable String partnerId, @RequestBody StatusRequest body) {
        send(new ReactivatePartnerCommand(partnerId, reason(body)));
        return get(partnerId);
    }

    @PostMapping("/{partnerId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKeyResponse issueKey(@PathVariable String partnerId, @RequestBody KeyRequest body) {
        Set<ApiScope> scopes = scopes(body.scopes());
        if (body.expiresAt() != null && (!body.expiresAt().isAfter(clock.instant())
                || body.expiresAt().isAfter(clock.instant().plus(KEY_LIFETIME_MAX)))) {
            throw new InvalidRequestException("expires_at", "expires_at must be in the future, at most "
                    + KEY_LIFETIME_MAX.toDays() + " days ahead; leave it out (or empty) for a key that never expires");
        }
        String keyId = "k_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ApiKeys.NewKey key = ApiKeys.generate();
        send(new IssueApiKeyCommand(partnerId, keyId, key.prefix(), key.secretHash(), scopes, body.expiresAt()));
        return new IssuedKeyResponse(keyId, key.plainText(), wireNames(scopes), body.expiresAt());
    }

    @GetMapping("/{partnerId}/api-keys")
    List<KeyResponse> keys(@PathVariable String partnerId) {
        get(partnerId);
        return partners.keys(partnerId).stream().map(PartnerAdminController::keyResponse).toList();
    }

    @DeleteMapping("/{partnerId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeKey(@PathVariable String partnerId, @PathVariable String keyId) {
        send(new RevokeApiKeyCommand(partnerId, keyId));
    }

    /** Sends a partner command; a partner that was never registered is the caller's error, not the ledger's. */
    private void send(Object command) {
        try {
            commandGateway.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            throw new UnknownPartnerException(String.valueOf(unknown.getAggregateIdentifier()));
        }
    }

    private static KeyResponse keyResponse(KeyView key) {
        return new KeyResponse(key.keyId(), key.prefix(), wireNames(key.scopes()), key.expiresAt(), key.issuedAt(), key.revokedAt());
    }

    private static List<String> wireNames(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::wireName).sorted().toList();
    }

    private static Set<ApiScope> scopes(List<String> names) {
        if (names == null || names.isEmpty() || names.size() > SCOPES_MAX) {
            throw new InvalidRequestException("scopes", "scopes must name 1.." + SCOPES_MAX + " of " + wireNames(Set.of(ApiScope.values())));
        }
        Set<ApiScope> scopes = new LinkedHashSet<>();
        for (String name : names) {
            scopes.add(ApiScope.fromWireName(name).orElseThrow(() ->
                    new InvalidRequestException("scopes", "unknown scope " + Echo.of(name) + "; known: " + wireNames(Set.of(ApiScope.values())))));
        }
        return scopes;
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > NAME_LENGTH_MAX) {
            throw new InvalidRequestException("name", "name is required, at most " + NAME_LENGTH_MAX + " characters");
        }
        return name.strip();
    }

    private static PartnerType type(String type) {
        if (type == null) {
            throw new InvalidRequestException("type", "type is required: operator, aggregator or affiliate");
        }
        try {
            return PartnerType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException("type", "type must be operator, aggregator or affiliate");
        }
    }

    /** A rate as a fraction ("0.05" is 5%) with at most four decimals, kept in basis points. */
    private static int commissionBasisPoints(BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0
                || rate.stripTrailingZeros().scale() > COMMISSION_RATE_DECIMALS_MAX) {
            throw new InvalidRequestException("commission_rate", "commission_rate must be a fraction from 0 to 1 with at most 4 decimals");
        }
        return rate.movePointRight(COMMISSION_RATE_DECIMALS_MAX).intValueExact();
    }

    private static String email(String email) {
        if (email == null || email.length() > EMAIL_LENGTH_MAX || !EMAIL.matcher(email).matches()) {
            throw new InvalidRequestException("contact_email", "contact_email must be an e-mail address");
        }
        return email;
    }

    private static String reason(StatusRequest body) {
        return RequestFields.reason(body == null ? null : body.reason());
    }

}
