package io.chipledger.api.security;

import io.chipledger.api.LedgerProperties;
import io.chipledger.projections.partner.PartnerAccessProjection;
import io.chipledger.projections.partner.PartnerAccessProjection.KeyAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks every request before a controller sees it: {@code /api/**} needs a live partner key
 * ({@code X-API-Key}), {@code /admin/**} the configured admin key ({@code X-Admin-Key}).
 * A refusal is thrown, so it becomes a problem document like every other error.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String ADMIN_KEY_HEADER = "X-Admin-Key";

    private final PartnerAccessProjection access;
    private final LedgerProperties properties;
    private final Clock clock;

    AccessInterceptor(PartnerAccessProjection access, LedgerProperties properties, Clock clock) {
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String path = request.getRequestURI();
        if (path.startsWith("/admin/")) {
            requireAdmin(request.getHeader(ADMIN_KEY_HEADER));
        } else if (path.startsWith("/api/")) {
            request.setAttribute(PartnerPrincipal.ATTRIBUTE, partner(request.getHeader(API_KEY_HEADER)));
        }
        return true;
    }

    private void requireAdmin(String presented) {
        String adminKey = properties.adminKey();
        if (adminKey == null || adminKey.isBlank()) {
            throw new AccessDeniedException(AccessDeniedException.Reason.ADMIN_ONLY,
                    "the admin API is closed: no admin key is configured (CHIPLEDGER_ADMIN_KEY)");
        }
        if (presented == null || !ApiKeys.sameSecret(presented, adminKey)) {
            throw new AccessDeniedException(AccessDeniedException.Reason.ADMIN_ONLY, "a valid X-Admin-Key is required");
        }
    }

    private PartnerPrincipal partner(String presented) {
        ApiKeys.PresentedKey key = ApiKeys.parse(presented);
        if (key == null) {
            throw invalid("a valid X-API-Key is required");
        }
        KeyAccess found = access.keyByPrefix(key.prefix()).orElseThrow(() -> invalid("unknown API key"));
        if (!ApiKeys.matches(key.secret(), found.secretHash())) {
            throw invalid("unknown API key");
        }
        if (found.revoked()) {
            throw invalid("this API key was revoked");
        }
        if (found.expiresAt() != null && !clock.instant().isBefore(found.expiresAt())) {
            throw invalid("this API key expired at " + found.expiresAt());
        }
        if (!found.partnerActive()) {
            throw invalid("the partner of this API key is suspended");
        }
        return new PartnerPrincipal(found.partnerId(), found.keyId(), found.scopes());
    }

    private static AccessDeniedException invalid(String message) {
        return new AccessDeniedException(AccessDeniedException.Reason.INVALID_KEY, message);
    }
}
