package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A key was issued; only its prefix and hash are kept. */
@JsonTypeName("partner.ApiKeyIssuedEvent")
@Revision("1")
public record ApiKeyIssuedEvent(
        String partnerId,
        String keyId,
        String prefix,
        String secretHash,
        Set<ApiScope> scopes,
        Instant expiresAt) implements PartnerEvent {
}
