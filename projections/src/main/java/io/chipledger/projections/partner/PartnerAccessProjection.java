package io.chipledger.projections.partner;

import io.chipledger.core.partner.ApiKeyIssuedEvent;
import io.chipledger.core.partner.ApiKeyRevokedEvent;
import io.chipledger.core.partner.ApiKeyRotatedEvent;
import io.chipledger.core.partner.IpAllowListChangedEvent;
import io.chipledger.core.partner.RateLimitChangedEvent;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.partner.PartnerReactivatedEvent;
import io.chipledger.core.partner.PartnerRegisteredEvent;
import io.chipledger.core.partner.PartnerSuspendedEvent;
import io.chipledger.core.partner.PartnerUpdatedEvent;
import io.chipledger.core.partner.SettlementPolicy;
import io.chipledger.core.partner.SettlementPolicyChangedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Partners and their API keys as the request path needs them: looked up by key prefix on every
 * call. The processing group is subscribing, so a revocation or suspension is in this table when
 * the admin's command returns, and the next request is refused.
 */
@Component
@ProcessingGroup(PartnerAccessProjection.GROUP)
public class PartnerAccessProjection {

    public static final String GROUP = "partner-access";
    /** Partners in one listing page. */
    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcTemplate jdbc;

    public PartnerAccessProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record PartnerView(String partnerId, String name, String type, String status, int commissionRateBasisPoints,
                              String contactEmail, Instant registeredAt, SettlementPolicy settlementPolicy) {
    }

    /**
     * What the request path needs to accept or refuse a key, and what it carries on for the
     * partner's commands: its settlement policy, read in the same query as the key; the partner's
     * IP allow-list (canonical CIDR blocks; empty accepts any address) and its rate limit per key
     * (null: the configured default).
     */
    public record KeyAccess(String keyId, String partnerId, String secretHash, Set<ApiScope> scopes, Instant expiresAt,
                            boolean revoked, boolean partnerActive, SettlementPolicy settlementPolicy,
                            List<String> ipAllowList, RateLimit rateLimit) {
    }

    /** A partner's own limit for each of its keys: requests a second, refilled evenly, in bursts of up to {@code burst}. */
    public record RateLimit(int requestsPerSecond, int burst) {
    }

    /** A key as the admin API lists it; {@code replacedBy} is the key a rotation issued in its place. */
    public record KeyView(String keyId, String prefix, Set<ApiScope> scopes, Instant expiresAt, Instant issuedAt, Instant revokedAt,
                          String replacedBy) {
    }

    /** The access rules of a partner's keys as the admin API shows them. */
    public record AccessRules(List<String> ipAllowList, RateLimit rateLimit) {
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        // Registered means single-win until a SettlementPolicyChangedEvent says otherwise, as in the aggregate.
        jdbc.update("INSERT INTO partner (partner_id, name, type, status, commission_rate_basis_points, contact_email, registered_at, "
                        + "settlement_policy) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.partnerId(), event.name(), event.type().name(), event.commissionRateBasisPoints(), event.contactEmail(),
                Timestamp.from(at), SettlementPolicy.SINGLE_WIN.name());
    }

    @EventHandler
    void on(PartnerUpdatedEvent event) {
        jdbc.update("UPDATE partner SET name = ?, commission_rate_basis_points = ?, contact_email = ? WHERE partner_id = ?",
                event.name(), event.commissionRateBasisPoints(), event.contactEmail(), event.partnerId());
    }

    @EventHandler
    void on(SettlementPolicyChangedEvent event) {
        jdbc.update("UPDATE partner SET settlement_policy = ? WHERE partner_id = ?", event.policy().name(), event.partnerId());
    }

    @EventHandler
    void on(PartnerSuspendedEvent event) {
        jdbc.update("UPDATE partner SET status = 'SUSPENDED' WHERE partner_id = ?", event.partnerId());
    }

    @EventHandler
    void on(PartnerReactivatedEvent event) {
        jdbc.update("UPDATE partner SET status = 'ACTIVE' WHERE partner_id = ?", event.partnerId());
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("INSERT INTO api_key (key_id, partner_id, prefix, secret_hash, scopes, expires_at, issued_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.keyId(), event.partnerId(), event.prefix(), event.secretHash(),
                event.scopes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                event.expiresAt() == null ? null : Timestamp.from(event.expiresAt()), Timestamp.from(at));
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", Timestamp.from(at), event.keyId());
    }

    @EventHandler
    void on(ApiKeyRotatedEvent event) {
        jdbc.update("UPDATE api_key SET expires_at = ?, replaced_by = ? WHERE key_id = ?",
                Timestamp.from(event.oldKeyExpiresAt()), event.newKeyId(), event.oldKeyId());
    }

    @EventHandler
    void on(IpAllowListChangedEvent event) {
        jdbc.update("UPDATE partner SET ip_allow_list = ? WHERE partner_id = ?", String.join(",", event.cidrs()), event.partnerId());
    }

    @EventHandler
    void on(RateLimitChangedEvent event) {
        jdbc.update("UPDATE partner SET requests_per_second = ?, burst = ? WHERE partner_id = ?",
                event.requestsPerSecond(), event.burst(), event.partnerId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE api_key, partner");
    }

    public Optional<KeyAccess> keyByPrefix(String prefix) {
        return jdbc.query("SELECT k.key_id, k.partner_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at IS NOT NULL, "
                        + "p.status = 'ACTIVE', p.settlement_policy, p.ip_allow_list, p.requests_per_second, p.burst "
                        + "FROM api_key k JOIN partner p ON p.partner_id = k.partner_id WHERE k.prefix = ?",
                (row, i) -> new KeyAccess(row.getString(1), row.getString(2), row.getString(3), scopes(row.getString(4)),
                        instant(row.getTimestamp(5)), row.getBoolean(6), row.getBoolean(7), SettlementPolicy.valueOf(row.getString(8)),
                        cidrs(row.getString(9)), rateLimit(row, 10)),
                prefix).stream().findFirst();
    }

    /** The partner's allow-list and rate limit, or empty when there is no such partner. */
    public Optional<AccessRules> accessRules(String partnerId) {
        return jdbc.query("SELECT ip_allow_list, requests_per_second, burst FROM partner WHERE partner_id = ?",
                (row, i) -> new AccessRules(cidrs(row.getString(1)), rateLimit(row, 2)), partnerId).stream().findFirst();
    }

    public Optional<PartnerView> partner(String partnerId) {
        return jdbc.query(SELECT_PARTNER + " WHERE partner_id = ?", PartnerAccessProjection::partnerView, partnerId).stream().findFirst();
    }

    /** Partners by id, after {@code afterPartnerId} when it is given. */
    public List<PartnerView> partners(String afterPartnerId, int limit) {
        return afterPartnerId == null
                ? jdbc.query(SELECT_PARTNER + " ORDER BY partner_id LIMIT ?", PartnerAccessProjection::partnerView, limit)
                : jdbc.query(SELECT_PARTNER + " WHERE partner_id > ? ORDER BY partner_id LIMIT ?", PartnerAccessProjection::partnerView,
                        afterPartnerId, limit);
    }

    private static final String SELECT_PARTNER =
            "SELECT partner_id, name, type, status, commission_rate_basis_points, contact_email, registered_at, settlement_policy FROM partner";

    private static PartnerView partnerView(ResultSet row, int index) throws SQLException {
        return new PartnerView(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getString(6), row.getTimestamp(7).toInstant(), SettlementPolicy.valueOf(row.getString(8)));
    }

    public List<KeyView> keys(String partnerId) {
        return jdbc.query("SELECT key_id, prefix, scopes, expires_at, issued_at, revoked_at, replaced_by FROM api_key "
                        + "WHERE partner_id = ? ORDER BY issued_at",
                (row, i) -> new KeyView(row.getString(1), row.getString(2), scopes(row.getString(3)), instant(row.getTimestamp(4)),
                        row.getTimestamp(5).toInstant(), instant(row.getTimestamp(6)), row.getString(7)),
                partnerId);
    }

    private static List<String> cidrs(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /** The limit in columns {@code column} (requests a second) and the next (burst), or null when the partner keeps the default. */
    private static RateLimit rateLimit(ResultSet row, int column) throws SQLException {
        int requestsPerSecond = row.getInt(column);
        return row.wasNull() ? null : new RateLimit(requestsPerSecond, row.getInt(column + 1));
    }

    private static Set<ApiScope> scopes(String names) {
        return Arrays.stream(names.split(",")).map(ApiScope::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
