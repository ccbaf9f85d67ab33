package io.chipledger.api.purchase;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secrets that sign a partner's purchase receipts. The newest signs; older ones stay so that
 * receipts signed before a rotation still verify. A secret is shown once, when it is issued.
 */
@Component
public class ReceiptKeys {

    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReceiptKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record SigningKey(String keyId, byte[] secret) {
    }

    /** A new key, which signs from now on; its secret in hex is what the partner keeps. */
    public record IssuedKey(String keyId, String secretHex, String algorithm, Instant createdAt) {
    }

    /**
     * A new signing key for a registered partner: at its registration (so its first purchase is
     * signed) and at every rotation. {@code issuedBy}: the acting admin key, as events record it
     * ({@code admin-key:<key id>}).
     */
    public IssuedKey issue(String partnerId, String issuedBy) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String keyId = "rk_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        jdbc.update("INSERT INTO receipt_signing_key (key_id, partner_id, secret, created_at, issued_by) VALUES (?, ?, ?, ?, ?)",
                keyId, partnerId, secret, Timestamp.from(now), issuedBy);
        return new IssuedKey(keyId, HexFormat.of().formatHex(secret), ReceiptSigner.ALGORITHM, now);
    }

    Optional<SigningKey> current(String partnerId) {
        return jdbc.query("SELECT key_id, secret FROM receipt_signing_key WHERE partner_id = ? ORDER BY created_at DESC, key_id LIMIT 1",
                (row, index) -> new SigningKey(row.getString(1), row.getBytes(2)), partnerId).stream().findFirst();
    }
}
