package io.chipledger.core.partner;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a live key with a new one of the same scopes, keeping the old one working until
 * {@code oldKeyExpiresAt} so the partner can roll the new key out before the old one stops. As
 * with {@link IssueApiKeyCommand}, only the new key's prefix and SHA-256 hash reach the ledger.
 *
 * @param expiresAt the new key's own expiry, or null for a key that never expires
 * @param oldKeyExpiresAt when the old key stops working: after now, and never later than its own expiry
 */
public record RotateApiKeyCommand(
        @TargetAggregateIdentifier String partnerId,
        String oldKeyId,
        String newKeyId,
        String prefix,
        String secretHash,
        Instant expiresAt,
        Instant oldKeyExpiresAt) {
}
