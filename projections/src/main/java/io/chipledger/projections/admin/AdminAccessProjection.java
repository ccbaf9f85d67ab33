package io.chipledger.projections.admin;

import io.chipledger.core.admin.AdminKeyIssuedEvent;
import io.chipledger.core.admin.AdminKeyRevokedEvent;
import io.chipledger.core.admin.AdminRole;
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
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Admin keys as the request path needs them: looked up by prefix on every admin call. Subscribing,
 * like partner access, so a revocation is in this table when the revoking command returns.
 */
@Component
@ProcessingGroup(AdminAccessProjection.GROUP)
public class AdminAccessProjection {

    public static final String GROUP = "admin-access";
    /** Keys in one listing page. */
    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcTemplate jdbc;

    public AdminAccessProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the request path needs to accept or refuse an admin key. */
    public record AdminKeyAccess(String keyId, String name, String secretHash, Set<AdminRole> roles, Instant expiresAt, boolean revoked) {
    }

    /** A key as listed to a super: never its hash. */
    public record AdminKeyView(String keyId, String name, String prefix, Set<AdminRole> roles, Instant expiresAt, Instant issuedAt,
                               String issuedBy, Instant revokedAt, String revokedBy) {
    }

    @EventHandler
    void on(AdminKeyIssuedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("INSERT INTO admin_key (key_id, name, prefix, secret_hash, roles, expires_at, issued_at, issued_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.keyId(), event.name(), event.prefix(), event.secretHash(),
                event.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                event.expiresAt() == null ? null : Timestamp.from(event.expiresAt()), Timestamp.from(at), actor);
    }

    @EventHandler
    void on(AdminKeyRevokedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = "actor", required = false) String actor) {
        jdbc.update("UPDATE admin_key SET revoked_at = ?, revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(at), actor, event.keyId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE admin_key");
    }

    public Optional<AdminKeyAccess> keyByPrefix(String prefix) {
        return jdbc.query("SELECT key_id, name, secret_hash, roles, expires_at, revoked_at IS NOT NULL FROM admin_key WHERE prefix = ?",
                (row, i) -> new AdminKeyAccess(row.getString(1), row.getString(2), row.getString(3), roles(row.getString(4)),
                        instant(row.getTimestamp(5)), row.getBoolean(6)),
                prefix).stream().findFirst();
    }

    public Optional<AdminKeyView> key(String keyId) {
        return jdbc.query(SELECT_VIEW + " WHERE key_id = ?", AdminAccessProjection::view, keyId).stream().findFirst();
    }

    /** Keys in issue order, after the key {@code afterKeyId} when it is given. */
    public List<AdminKeyView> keys(String afterKeyId, int limit) {
        return afterKeyId == null
                ? jdbc.query(SELECT_VIEW + " ORDER BY key_id LIMIT ?", AdminAccessProjection::view, limit)
                : jdbc.query(SELECT_VIEW + " WHERE key_id > ? ORDER BY key_id LIMIT ?", AdminAccessProjection::view, afterKeyId, limit);
    }

    public long liveKeys() {
        return jdbc.queryForObject("SELECT count(*) FROM admin_key WHERE revoked_at IS NULL", Long.class);
    }

    private static final String SELECT_VIEW =
            "SELECT key_id, name, prefix, roles, expires_at, issued_at, issued_by, revoked_at, revoked_by FROM admin_key";

    private static AdminKeyView view(ResultSet row, int index) throws SQLException {
        return new AdminKeyView(row.getString(1), row.getString(2), row.getString(3), roles(row.getString(4)),
                instant(row.getTimestamp(5)), row.getTimestamp(6).toInstant(), row.getString(7), instant(row.getTimestamp(8)),
                row.getString(9));
    }

    private static Set<AdminRole> roles(String names) {
        return Arrays.stream(names.split(",")).map(AdminRole::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
