package io.chipledger.core.partner;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a new API key. The secret itself never reaches the ledger: only its public prefix and
 * its SHA-256 hash (hex) do, so the event history cannot leak a usable key.
 */
public record IssueApiKeyCommand(
        @TargetAggregateIdentifier String partnerId,
        String keyId,
        String prefix,
        String secretHash,
        Set<ApiScope> scopes,
        Instant expiresAt) {
}
