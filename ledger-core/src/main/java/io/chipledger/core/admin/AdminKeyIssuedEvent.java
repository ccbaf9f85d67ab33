package io.chipledger.core.admin;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** An admin key was issued to {@code name} with {@code roles}; only its prefix and hash are kept. */
@JsonTypeName("admin.AdminKeyIssuedEvent")
@Revision("1")
public record AdminKeyIssuedEvent(
        String keyId,
        String name,
        String prefix,
        String secretHash,
        Set<AdminRole> roles,
        Instant expiresAt) {
}
