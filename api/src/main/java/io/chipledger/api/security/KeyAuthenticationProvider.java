package io.chipledger.api.security;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.command.LedgerBusyException;
import io.chipledger.api.database.DatabaseAwayException;
import io.chipledger.api.database.DatabaseReachability;
import io.chipledger.core.admin.AdminRole;
import io.chipledger.projections.admin.AdminAccessProjection;
import io.chipledger.projections.admin.AdminAccessProjection.AdminKeyAccess;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.KeyAccess;
import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a presented key against the access read models (kept in the command's transaction, so a
 * revocation counts from the next request), through this node's {@link KeyCache}. Secrets are compared by hash in constant time. The
 * configured {@code chipledger.admin-key} is the bootstrap admin key with the role {@code super}.
 */
@Component
class KeyAuthenticationProvider implements AuthenticationProvider {

    /** Shorter bootstrap keys are accepted (the README's example is one) but warned about at start-up. */
    static final int BOOTSTRAP_KEY_LENGTH_MIN = 16;
    private static final Logger log = LoggerFactory.getLogger(KeyAuthenticationProvider.class);

    private final PartnerAccessProjection partners;
    private final AdminAccessProjection admins;
    private final KeyCache keys;
    private final LedgerProperties properties;
    private final RateLimit defaultKeyLimit;
    private final Clock clock;
    private final DatabaseReachability database;

    KeyAuthenticationProvider(PartnerAccessProjection partners, AdminAccessProjection admins, KeyCache keys, LedgerProperties properties,
                              AccessProperties access, Clock clock, DatabaseReachability database) {
        this.database = database;
        this.partners = partners;
        this.admins = admins;
        this.keys = keys;
        this.properties = properties;
        this.defaultKeyLimit = access.rateLimits().key();
        this.clock = clock;
        String bootstrap = properties.adminKey();
        if (bootstrap != null && !bootstrap.isBlank() && bootstrap.length() < BOOTSTRAP_KEY_LENGTH_MIN) {
            log.warn("CHIPLEDGER_ADMIN_KEY is shorter than {} characters and can be guessed: use a long random value, "
                    + "or issue staff their own admin keys and run without it", BOOTSTRAP_KEY_LENGTH_MIN);
        }
    }

    /**
     * With the database away the key tables cannot be read: 503 {@code ledger-busy} at once
     * ({@link KeyRefusedException#uncheckable}), not a 500 after the pool's connection wait.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        PresentedKey presented = (PresentedKey) authentication;
        String key = (String) presented.getCredentials();
        try {
            if (presented.kind() == ApiKeys.Kind.ADMIN) {
                return KeyAuthentication.admin(admin(key), defaultKeyLimit);
            }
            KeyAccess found = partner(key, presented.clientAddress());
            return KeyAuthentication.partner(new PartnerPrincipal(found.partnerId(), found.keyId(), found.scopes(), found.settlementPolicy()),
                    found.rateLimit() == null ? defaultKeyLimit : found.rateLimit());
        } catch (LedgerBusyException | DataAccessException failure) {
            if (failure instanceof LedgerBusyException || database.noteFailure(failure)) {
                throw KeyRefusedException.uncheckable(new DatabaseAwayException().getMessage());
            }
            throw failure;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedKey.class.isAssignableFrom(authentication);
    }

    private KeyAccess partner(String presented, String clientAddress) {
        ApiKeys.PresentedKey key = ApiKeys.parse(ApiKeys.Kind.PARTNER, presented);
        if (key == null) {
            throw KeyRefusedException.invalid(ApiKeys.Kind.PARTNER, "X-API-Key is not a ChipLedger partner key");
        }
        database.requireReachable();
        KeyAccess found = keys.find(presented, KeyAccess.class, () -> partners.keyByPrefix(key.prefix())
                        .filter(candidate -> ApiKeys.matches(key.secret(), candidate.secretHash())))
                .orElseThrow(() -> KeyRefusedException.invalid(ApiKeys.Kind.PARTNER, "unknown API key"));
        requireLive(ApiKeys.Kind.PARTNER, found.revoked(), found.expiresAt());
        if (!found.partnerActive()) {
            throw KeyRefusedException.invalid(ApiKeys.Kind.PARTNER, "the partner of this API key is suspended");
        }
        // Checked after the key, so the answer tells a caller with a wrong key nothing about the partner's addresses.
        if (!found.ipAllowList().isEmpty() && !IpBlocks.contains(IpBlocks.matchers(found.ipAllowList()), clientAddress)) {
            throw KeyRefusedException.addressNotAllowed("this partner accepts its keys only from its allow-listed addresses, not from "
                    + clientAddress + "; its operators can change the list");
        }
        return found;
    }

    private AdminPrincipal admin(String presented) {
        ApiKeys.PresentedKey key = ApiKeys.parse(ApiKeys.Kind.ADMIN, presented);
        if (key == null) {
            String bootstrap = properties.adminKey();
            if (bootstrap != null && !bootstrap.isBlank() && ApiKeys.sameSecret(presented, bootstrap)) {
                return new AdminPrincipal(AdminPrincipal.BOOTSTRAP_KEY_ID, AdminPrincipal.BOOTSTRAP_KEY_ID, Set.of(AdminRole.SUPER));
            }
            throw KeyRefusedException.invalid(ApiKeys.Kind.ADMIN, "unknown admin key");
        }
        database.requireReachable();
        AdminKeyAccess found = keys.find(presented, AdminKeyAccess.class, () -> admins.keyByPrefix(key.prefix())
                        .filter(candidate -> ApiKeys.matches(key.secret(), candidate.secretHash())))
                .orElseThrow(() -> KeyRefusedException.invalid(ApiKeys.Kind.ADMIN, "unknown admin key"));
        requireLive(ApiKeys.Kind.ADMIN, found.revoked(), found.expiresAt());
        return new AdminPrincipal(found.keyId(), found.name(), found.roles());
    }

    private void requireLive(ApiKeys.Kind kind, boolean revoked, Instant expiresAt) {
        if (revoked) {
            throw KeyRefusedException.invalid(kind, "this key was revoked");
        }
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            throw KeyRefusedException.invalid(kind, "this key expired at " + expiresAt);
        }
    }
}
