package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/** A key is refused from the next request on. */
@JsonTypeName("partner.ApiKeyRevokedEvent")
@Revision("1")
public record ApiKeyRevokedEvent(
        String partnerId,
        String keyId) implements PartnerEvent {
}
