package io.chipledger.api.partner;

import io.chipledger.api.partner.PartnerRequests.KeyRequest;
import io.chipledger.api.partner.PartnerRequests.PartnerRegistration;
import io.chipledger.api.partner.PartnerRequests.PartnerUpdate;
import io.chipledger.api.partner.PartnerRequests.StatusRequest;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.chipledger.api.problem.Echo;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.purchase.ReceiptKeys;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ApiKeys;
import io.chipledger.api.security.KeyExpiry;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.partner.ChangeSettlementPolicyCommand;
import io.chipledger.core.partner.IssueApiKeyCommand;
import io.chipledger.core.partner.PartnerType;
import io.chipledger.core.partner.ReactivatePartnerCommand;
import io.chipledger.core.partner.RegisterPartnerCommand;
import io.chipledger.core.partner.RevokeApiKeyCommand;
import io.chipledger.core.partner.SettlementPolicy;
import io.chipledger.core.partner.SuspendPartnerCommand;
import io.chipledger.core.partner.UpdatePartnerCommand;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.KeyView;
import io.chipledger.projections.partner.PartnerAccessProjection.PartnerView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for partners and their API keys. Changes need {@code super} or {@code ops}; reads
 * also {@code support}. The acting admin key is in the metadata of every event this causes.
 */
@RestController
@RequestMapping("/admin/v1/partners")
class PartnerAdminController {

    static final int NAME_LENGTH_MAX = 200;
    static final int EMAIL_LENGTH_MAX = 254;
    static final int SCOPES_MAX = ApiScope.values().length;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int COMMISSION_RATE_DECIMALS_MAX = 4;
    static final int PAGE_SIZE_DEFAULT = 50;
    private static final Pattern PARTNER_ID = KnownPartners.PARTNER_ID;
    static final Pattern KEY_ID = Pattern.compile("k_[0-9a-f]{16}");

    private final PartnerCommands commands;
    private final PartnerAccessProjection partners;
    private final Clock clock;
    private final ReceiptKeys receiptKeys;

    PartnerAdminController(PartnerCommands commands, PartnerAccessProjection partners, Clock clock, ReceiptKeys receiptKeys) {
        this.commands = commands;
        this.partners = partners;
        this.clock = clock;
        this.receiptKeys = receiptKeys;
    }

    record PartnerResponse(String partnerId, String name, String type, String status,
                           @Schema(example = "0.0500") BigDecimal commissionRate,
                           String contactEmail, String settlementPolicy, Instant registeredAt) {
    }

    record IssuedKeyResponse(String keyId, String apiKey, List<String> scopes, Instant expiresAt) {
    }

    record PartnerPage(List<PartnerResponse> partners, String nextCursor) {
    }

    /**
     * A registration's answer: the partner, and the receipt-signing key made with it, whose
     * {@code secret_hex} is shown this once (rotate with {@code POST …/receipt-keys}).
     */
    record RegisteredPartnerResponse(@JsonUnwrapped PartnerResponse partner, ReceiptKeys.IssuedKey receiptKey) {
    }

    /** A key as listed; {@code replaced_by} names the key a rotation issued in its place (its {@code expires_at} ends the overlap). */
    record KeyResponse(String keyId, String prefix, List<String> scopes, Instant expiresAt, Instant issuedAt, Instant revokedAt,
                       String replacedBy) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AdminAccess({SUPER, OPS})
    RegisteredPartnerResponse registerPartner(@AuthenticationPrincipal AdminPrincipal admin, @RequestBody PartnerRegistration body,
                                       HttpServletRequest http) {
        String partnerId = "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        send(admin, partnerId, http, new RegisterPartnerCommand(partnerId, name(body.name()), type(body.type()),
                commissionBasisPoints(body.commissionRate()), email(body.contactEmail()),
                body.settlementPolicy() == null ? SettlementPolicy.SINGLE_WIN : settlementPolicy(body.settlementPolicy())));
        // A partner sells from its first request: its receipts need a key, made here rather than by a second admin call.
        return new RegisteredPartnerResponse(getPartner(partnerId), receiptKeys.issue(partnerId, admin.actor()));
    }

    /** Partners by id, a page at a time: {@code cursor} is the {@code next_cursor} of the page before. */
    @GetMapping
    @AdminAccess({SUPER, OPS, SUPPORT})
    PartnerPage listPartners(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PartnerAccessProjection.PAGE_SIZE_MAX);
        String after = cursor == null ? null : partnerId("cursor", cursor);
        Pages.Page<PartnerResponse> page = Pages.of(partners.partners(after, pageSize + 1).stream()
                .map(PartnerAdminController::response).toList(), pageSize, PartnerResponse::partnerId);
        return new PartnerPage(page.rows(), page.nextCursor());
    }

    @GetMapping("/{partnerId}")
    @AdminAccess({SUPER, OPS, SUPPORT})
    PartnerResponse getPartner(@PathVariable String partnerId) {
        return response(partners.partner(partnerId).orElseThrow(() -> new UnknownPartnerException(partnerId)));
    }

    @PatchMapping("/{partnerId}")
    @AdminAccess({SUPER, OPS})
    PartnerResponse updatePartner(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @RequestBody PartnerUpdate body,
                           HttpServletRequest http) {
        PartnerResponse current = getPartner(partnerId);
        if (body.type() != null) {
            throw new InvalidRequestException("type", "a partner's type is set when it is registered and cannot be changed");
        }
        if (body.name() == null && body.commissionRate() == null && body.contactEmail() == null && body.settlementPolicy() == null) {
            throw new InvalidRequestException("name",
                    "an update names at least one of name, commission_rate, contact_email, settlement_policy");
        }
        // Every field is checked before either command is sent, so bad input stores nothing.
        SettlementPolicy policy = body.settlementPolicy() == null ? null : settlementPolicy(body.settlementPolicy());
        UpdatePartnerCommand unchanged = new UpdatePartnerCommand(partnerId, current.name(),
                commissionBasisPoints(current.commissionRate()), current.contactEmail());
        UpdatePartnerCommand update = new UpdatePartnerCommand(partnerId,
                body.name() == null ? unchanged.name() : name(body.name()),
                body.commissionRate() == null ? unchanged.commissionRateBasisPoints() : commissionBasisPoints(body.commissionRate()),
                body.contactEmail() == null ? unchanged.contactEmail() : email(body.contactEmail()));
        if (!update.equals(unchanged)) {
            // The same update sent again records nothing more: the partner already reads as asked.
            send(admin, partnerId, http, update);
        }
        if (policy != null) {
            // The aggregate, not this read, decides whether the policy changes: the same policy again appends nothing.
            send(admin, partnerId, http, new ChangeSettlementPolicyCommand(partnerId, policy));
        }
        return getPartner(partnerId);
    }

    @PostMapping("/{partnerId}/suspend")
    @AdminAccess({SUPER, OPS})
    PartnerResponse suspendPartner(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @RequestBody StatusRequest body,
                            HttpServletRequest http) {
        send(admin, partnerId, http, new SuspendPartnerCommand(partnerId, reason(body)));
        return getPartner(partnerId);
    }

    @PostMapping("/{partnerId}/reactivate")
    @AdminAccess({SUPER, OPS})
    PartnerResponse reactivatePartner(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                               @RequestBody StatusRequest body, HttpServletRequest http) {
        send(admin, partnerId, http, new ReactivatePartnerCommand(partnerId, reason(body)));
        return getPartner(partnerId);
    }

    @PostMapping("/{partnerId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @AdminAccess({SUPER, OPS})
    IssuedKeyResponse issueApiKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @RequestBody KeyRequest body,
                               HttpServletRequest http) {
        Set<ApiScope> scopes = scopes(body.scopes());
        Instant expiresAt = KeyExpiry.parse(body.expiresAt(), clock);
        String keyId = "k_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ApiKeys.NewKey key = ApiKeys.generate(ApiKeys.Kind.PARTNER);
        send(admin, partnerId, http, new IssueApiKeyCommand(partnerId, keyId, key.prefix(), key.secretHash(), scopes, expiresAt));
        return new IssuedKeyResponse(keyId, key.plainText(), wireNames(scopes), expiresAt);
    }

    @GetMapping("/{partnerId}/api-keys")
    @AdminAccess({SUPER, OPS, SUPPORT})
    List<KeyResponse> listApiKeys(@PathVariable String partnerId) {
        getPartner(partnerId);
        return partners.keys(partnerId).stream().map(PartnerAdminController::keyResponse).toList();
    }

    @DeleteMapping("/{partnerId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AdminAccess({SUPER, OPS})
    void revokeApiKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String keyId,
                   HttpServletRequest http) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new InvalidRequestException("key_id", "key_id must be k_ and 16 hex digits");
        }
        try {
            send(admin, partnerId, http, new RevokeApiKeyCommand(partnerId, keyId));
        } catch (RuleViolation notLive) {
            // The partner keeps only its live keys; a key it does not know may be one revoked before, or by a
            // revocation that won a race to this one: that is a 409, like any change already made.
            if (notLive.rule() == RuleViolation.Rule.UNKNOWN_API_KEY && isRevoked(partnerId, keyId)) {
                throw new RuleViolation(RuleViolation.Rule.STATUS_CONFLICT, "API key " + keyId + " is already revoked");
            }
            throw notLive;
        }
    }

    private void send(AdminPrincipal admin, String partnerId, HttpServletRequest http, Object command) {
        commands.send(admin, partnerId, http, command);
    }

    private boolean isRevoked(String partnerId, String keyId) {
        return partners.keys(partnerId).stream().anyMatch(key -> key.keyId().equals(keyId) && key.revokedAt() != null);
    }

    /** A partner id as the ledger mints it ({@code p_} and 16 hex digits), where a listing takes one as its cursor. */
    private static String partnerId(String field, String value) {
        if (!PARTNER_ID.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be a partner id: p_ and 16 hex digits");
        }
        return value;
    }

    private static PartnerResponse response(PartnerView view) {
        return new PartnerResponse(view.partnerId(), view.name(), view.type().toLowerCase(Locale.ROOT),
                view.status().toLowerCase(Locale.ROOT), BigDecimal.valueOf(view.commissionRateBasisPoints(), COMMISSION_RATE_DECIMALS_MAX),
                view.contactEmail(), wireName(view.settlementPolicy()), view.registeredAt());
    }

    private static KeyResponse keyResponse(KeyView key) {
        return new KeyResponse(key.keyId(), key.prefix(), wireNames(key.scopes()), key.expiresAt(), key.issuedAt(), key.revokedAt(),
                key.replacedBy());
    }

    static List<String> wireNames(Set<ApiScope> scopes) {
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
        if (name == null || name.isBlank() || RequestFields.characters(name) > NAME_LENGTH_MAX) {
            throw new InvalidRequestException("name", "name is required, at most " + NAME_LENGTH_MAX + " characters");
        }
        return name.strip();
    }

    private static PartnerType type(String type) {
        if (type == null) {
            throw new InvalidRequestException("type", "type is required: operator, aggregator or affiliate");
        }
        return lowerCaseOneOf("type", type, PartnerType.values());
    }

    /** {@code single_win} or {@code multi_win}. */
    private static SettlementPolicy settlementPolicy(String wireName) {
        return lowerCaseOneOf("settlement_policy", wireName, SettlementPolicy.values());
    }

    /** One of {@code values} by its name in lower case, the only spelling accepted (as the document's enum lists it). */
    private static <E extends Enum<E>> E lowerCaseOneOf(String field, String wireName, E[] values) {
        return Arrays.stream(values).filter(value -> wireName(value).equals(wireName)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(field, field + " must be one of "
                        + Arrays.stream(values).map(PartnerAdminController::wireName).toList()));
    }

    private static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
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
