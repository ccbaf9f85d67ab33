package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A key was replaced by {@code newKeyId} (issued by the {@link ApiKeyIssuedEvent} just before this
 * one, in the same commit); the old key works until {@code oldKeyExpiresAt}, the end of the overlap.
 */
@JsonTypeName("partner.ApiKeyRotatedEvent")
@Revision("1")
public record ApiKeyRotatedEvent(
        String partnerId,
        String oldKeyId,
        String newKeyId,
        Instant oldKeyExpiresAt) implements PartnerEvent {
}
