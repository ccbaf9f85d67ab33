package io.chipledger.api.admin;

import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ApiKeys;
import io.chipledger.api.security.KeyExpiry;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.admin.AdminRole;
import io.chipledger.core.admin.IssueAdminKeyCommand;
import io.chipledger.core.admin.RevokeAdminKeyCommand;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.projections.admin.AdminAccessProjection;
import io.chipledger.projections.admin.AdminAccessProjection.AdminKeyView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin keys for the operator's staff, one per person, each with a name and roles. Issued and
 * revoked like partner keys: the secret ({@code ca_<prefix>_<secret>}) is in the issuing answer
 * only; the ledger keeps the prefix and a SHA-256 hash. Only {@code super} manages admin keys.
 * The configured CHIPLEDGER_ADMIN_KEY is the bootstrap {@code super} key and is not listed here.
 */
@RestController
@RequestMapping("/admin/v1/admin-keys")
@AdminAccess(SUPER)
class AdminKeyController {

    static final int NAME_LENGTH_MAX = 100;
    /** Live admin keys at once: staff, not machines; a larger team has outgrown one shared ledger console. */
    static final int LIVE_KEYS_MAX = 500;
    static final int PAGE_SIZE_DEFAULT = 50;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .,'@_-]{1," + NAME_LENGTH_MAX + "}");
    private static final Pattern KEY_ID = Pattern.compile("ak_[0-9a-f]{16}");

    private final AdminCommands commands;
    private final AdminAccessProjection keys;
    private final Clock clock;

    AdminKeyController(AdminCommands commands, AdminAccessProjection keys, Clock clock) {
        this.commands = commands;
        this.keys = keys;
        this.clock = clock;
    }

    record IssuedAdminKey(String keyId, String name, String adminKey, List<String> roles, Instant expiresAt) {
    }

    record AdminKeyResponse(String keyId, String name, String prefix, List<String> roles, Instant expiresAt, Instant issuedAt,
                            String issuedBy, Instant revokedAt, String revokedBy) {
    }

    record AdminKeyPage(List<AdminKeyResponse> adminKeys, String nextCursor) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedAdminKey issueAdminKey(@AuthenticationPrincipal AdminPrincipal admin, @RequestBody AdminKeyRequest body, HttpServletRequest http) {
        String name = name(body.name());
        Set<AdminRole> roles = roles(body.roles());
        Instant expiresAt = KeyExpiry.parse(body.expiresAt(), clock);
        if (keys.liveKeys() >= LIVE_KEYS_MAX) {
            throw new RuleViolation(RuleViolation.Rule.API_KEYS_LIMIT, "there are already " + LIVE_KEYS_MAX + " live admin keys; revoke one first");
        }
        String keyId = "ak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ApiKeys.NewKey key = ApiKeys.generate(ApiKeys.Kind.ADMIN);
        commands.send(Origin.admin(admin, null, http), new IssueAdminKeyCommand(keyId, name, key.prefix(), key.secretHash(), roles, expiresAt));
        return new IssuedAdminKey(keyId, name, key.plainText(), wireNames(roles), expiresAt);
    }

    /** Every admin key, live and revoked, by key id; never a secret or its hash. */
    @GetMapping
    AdminKeyPage listAdminKeys(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, AdminAccessProjection.PAGE_SIZE_MAX);
        String after = cursor == null ? null : keyId(cursor);
        Pages.Page<AdminKeyResponse> page = Pages.of(keys.keys(after, pageSize + 1).stream().map(AdminKeyController::response).toList(),
                pageSize, AdminKeyResponse::keyId);
        return new AdminKeyPage(page.rows(), page.nextCursor());
    }

    @GetMapping("/{keyId}")
    AdminKeyResponse getAdminKey(@PathVariable String keyId) {
        return keys.key(keyId(keyId)).map(AdminKeyController::response).orElseThrow(() -> new UnknownAdminKeyException(keyId));
    }

    /** Revokes the key: it is refused from the next request on. Revoking a revoked key is a 409, an unknown one a 404. */
    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAdminKey(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String keyId, HttpServletRequest http) {
        AdminKeyView key = keys.key(keyId(keyId)).orElseThrow(() -> new UnknownAdminKeyException(keyId));
        // A key already revoked is the AdminKey aggregate's 409, the same answer for a repeat and for a lost race.
        commands.send(Origin.admin(admin, null, http), new RevokeAdminKeyCommand(key.keyId()));
    }

    private static AdminKeyResponse response(AdminKeyView key) {
        return new AdminKeyResponse(key.keyId(), key.name(), key.prefix(), wireNames(key.roles()), key.expiresAt(), key.issuedAt(),
                key.issuedBy(), key.revokedAt(), key.revokedBy());
    }

    private static List<String> wireNames(Set<AdminRole> roles) {
        return roles.stream().map(AdminRole::wireName).sorted().toList();
    }

    private static String keyId(String value) {
        if (!KEY_ID.matcher(value).matches()) {
            throw new InvalidRequestException("key_id", "key_id must look like ak_ and 16 hex digits");
        }
        return value;
    }

    private static String name(String value) {
        if (value == null || value.isBlank() || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException("name",
                    "name is required: 1-" + NAME_LENGTH_MAX + " letters, digits, spaces and . , ' @ _ -");
        }
        return value.strip();
    }

    private static Set<AdminRole> roles(List<String> names) {
        List<String> known = Arrays.stream(AdminRole.values()).map(AdminRole::wireName).toList();
        if (names == null || names.isEmpty() || names.size() > known.size()) {
            throw new InvalidRequestException("roles", "roles must name 1.." + known.size() + " of " + known);
        }
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        for (String name : names) {
            roles.add(AdminRole.fromWireName(name).orElseThrow(() -> new InvalidRequestException("roles", "roles must be among " + known)));
        }
        return roles;
    }
}
