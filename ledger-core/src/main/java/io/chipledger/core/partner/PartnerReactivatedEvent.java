package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/** A suspended partner may use its keys again. */
@JsonTypeName("partner.PartnerReactivatedEvent")
@Revision("1")
public record PartnerReactivatedEvent(
        String partnerId,
        String reason) implements PartnerEvent {
}
