package io.chipledger.core.admin;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a new admin key for a named person. As with partner keys, only the public prefix and
 * the SHA-256 hash (hex) of the secret reach the ledger. {@code expiresAt} null: never expires.
 */
public record IssueAdminKeyCommand(
        @TargetAggregateIdentifier String keyId,
        String name,
        String prefix,
        String secretHash,
        Set<AdminRole> roles,
        Instant expiresAt) {
}
