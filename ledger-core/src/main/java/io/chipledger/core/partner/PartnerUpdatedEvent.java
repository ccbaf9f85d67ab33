package io.chipledger.core.partner;

import com.fasterxml.jackson.annotation.JsonTypeName;

import org.axonframework.serialization.Revision;

/** A partner's profile changed. */
@JsonTypeName("partner.PartnerUpdatedEvent")
@Revision("1")
public record PartnerUpdatedEvent(
        String partnerId,
        String name,
        int commissionRateBasisPoints,
        String contactEmail) implements PartnerEvent {
}
